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
