import Dispatch
import Synchronization

/// `transform` applied to each element on every core at once, the results in the order of `elements`;
/// the first error thrown, if any, once all are done. The one place the edge runs work in parallel:
/// sheets are independent files, enrolments are decided independently, output files are built apart.
public func parallelMap<Element: Sendable, Value: Sendable>(
    _ elements: [Element], _ transform: @Sendable (Element) throws -> Value
) throws -> [Value] {
    let results = Mutex<[Result<Value, any Error>?]>(Array(repeating: nil, count: elements.count))
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
        let result = Result { try transform(elements[index]) }
        results.withLock { $0[index] = result }
    }
    return try results.withLock { $0 }.map { try $0!.get() }
}

/// `parallelMap` of a transform that throws nothing.
public func parallelMap<Element: Sendable, Value: Sendable>(
    _ elements: [Element], _ transform: @Sendable (Element) -> Value
) -> [Value] {
    // Nothing is thrown, so nothing is caught.
    try! parallelMap(elements) { element throws in transform(element) }
}

/// `first` and `second` at once, on two cores; the first error thrown, if any, once both are done.
public func inParallel<First: Sendable, Second: Sendable>(
    _ first: @Sendable () throws -> First, _ second: @Sendable () throws -> Second
) throws -> (First, Second) {
    let firstResult = Mutex<Result<First, any Error>?>(nil)
    let secondResult = Mutex<Result<Second, any Error>?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
            let result = Result { try first() }
            firstResult.withLock { $0 = result }
        } else {
            let result = Result { try second() }
            secondResult.withLock { $0 = result }
        }
    }
    return (try firstResult.withLock { $0 }!.get(), try secondResult.withLock { $0 }!.get())
}
