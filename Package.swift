// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "board",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "board", targets: ["board"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libcsv, the CSV engine (Debian: libcsv-dev). Every call into it lives in BoardFiles/LibCSV.swift.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // The regulations: pure functions of values. No files, no clock, no globals. Optimised across
        // modules in release builds: BoardFiles calls into them for every row, field and record, and
        // without it their generic functions ran unspecialised and their small ones uninlined.
        .target(
            name: "Regulations",
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
        ),
        // The edge: reading the register, enrolments and mark sheets; writing outputs.
        .target(
            name: "BoardFiles",
            dependencies: [
                "Regulations",
                "CLibCSV",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "board",
            dependencies: [
                "Regulations",
                "BoardFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Excel workbooks (.xlsx) as bytes: the rows of the first worksheet, and text-cell sheets written.
        // XML through Foundation's XMLParser (libxml2's streaming parser; Debian: libxml2 at run time).
        .target(
            name: "Workbook",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The scale benchmark (issue 6): swift run -c release board-benchmark --enrolments 200000
        .executableTarget(
            name: "board-benchmark",
            dependencies: ["BoardFiles", "Regulations", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "RegulationsTests", dependencies: ["Regulations"]),
        .testTarget(name: "BoardFilesTests", dependencies: ["BoardFiles", "Regulations"]),
        .testTarget(name: "BoardCommandTests", dependencies: ["board", "BoardFiles"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook"], exclude: ["Fixtures"]),
    ]
)
