// swift-tools-version:6.1
import PackageDescription

// The modules in the order data flows: the CSV boundary, the pure regulations, reading the inputs,
// the credentials (in the regulations' words, and nothing else of the project), writing the outputs,
// the ledger of nightly exports; then the generator, the command and the benchmark.
let package = Package(
    name: "board",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "board", targets: ["board"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // jwt-kit 5 needs swift-crypto 4.1 or later; what the rest of the package uses is in 3 and 4 alike.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
    ],
    targets: [
        // libcsv, the CSV engine (Debian: libcsv-dev).
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // Every call into libcsv: records read with their line numbers, fields written.
        .target(
            name: "CSV", dependencies: ["CLibCSV"],
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]),
        // Excel workbooks (.xlsx) as bytes: the rows of the first worksheet, and text-cell sheets written.
        // XML through Foundation's XMLParser (libxml2's streaming parser; Debian: libxml2 at run time).
        .target(
            name: "Workbook",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The regulations: pure functions of values. No files, no clock, no threads. Optimised across
        // modules in release builds, so that the edge's calls into them, for every row, field and
        // record, are specialised and inlined.
        .target(
            name: "Regulations",
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]),
        // board.toml, the register and enrolments, the mark sheets; a board read and replayed.
        .target(
            name: "Input",
            dependencies: [
                "Regulations", "CSV", "Workbook",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Certificates, transcripts and Open Badges 3.0 credentials (SPEC §9): the regulations' values in,
        // files and verdicts out. Of the project it imports the regulations alone, so a board run, a test or
        // another tool can fill it.
        .target(
            name: "Credentials",
            dependencies: [
                "Regulations",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
            ]),
        // The files of a run, written complete or not at all: decisions, exceptions, awards, SITS, pack;
        // the results a board confirmed, as the Credentials module issues them.
        .target(
            name: "Outputs",
            dependencies: [
                "Regulations", "CSV", "Input", "Credentials",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // The SQLite ledger of what was sent to SITS, the nightly export, and the locks.
        .target(
            name: "Ledger",
            dependencies: [
                "Regulations", "CSV", "Input", "Outputs",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The submission service (SPEC §8): accounts, sessions, pages over the same check, templates,
        // files and ledger as the commands.
        .target(
            name: "Service",
            dependencies: [
                "Regulations", "CSV", "Input", "Outputs", "Ledger",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Synthetic institutions for demos and the benchmark.
        .target(name: "Generator", dependencies: ["Regulations", "CSV"]),
        // When memory runs out, the program says so in words and stops, instead of crashing (Linux, glibc).
        .target(name: "OutOfMemory"),
        .executableTarget(
            name: "board",
            dependencies: [
                "Regulations", "Input", "Outputs", "Credentials", "Ledger", "Generator", "Service", "OutOfMemory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // libFuzzer's driver, for the fuzz target (linked by swiftc -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer"),
        // The fuzz target of the sheet reader: Tests/fuzz/run-sheet-fuzz.sh builds it with libFuzzer; built
        // as it is, it reads the files it is given once each.
        .executableTarget(name: "sheet-fuzz", dependencies: ["Input", "Regulations", "CLibFuzzer"]),
        // The scale benchmark: swift run -c release board-benchmark --enrolments 200000
        .executableTarget(
            name: "board-benchmark",
            dependencies: ["CSV", "Input", "Outputs", "Regulations", "Generator", "Workbook"]),
        .testTarget(name: "RegulationsTests", dependencies: ["Regulations"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook"], exclude: ["Fixtures"]),
        .testTarget(name: "InputTests", dependencies: ["Input", "Regulations", "Workbook"], exclude: ["Fixtures"]),
        .testTarget(
            name: "OutputsTests",
            dependencies: [
                "Outputs", "Input", "Regulations", "Credentials", .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "Ledger", "Outputs", "Input", "Regulations", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ServiceTests",
            dependencies: [
                "Service", "Ledger", "Input", "Regulations", "Workbook",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(name: "BoardCommandTests", dependencies: ["board", "CSV", "Input", "Generator", "Workbook"]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "Regulations"]),
    ]
)
