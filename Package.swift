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
        // jwt-kit 5 needs swift-crypto 4.1 or later; what the rest of the package uses is in 3 and 4 alike.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
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
        // The scale benchmark (issue 6): swift run -c release board-benchmark --enrolments 200000
        .executableTarget(
            name: "board-benchmark",
            dependencies: ["BoardFiles", "Regulations", .product(name: "Crypto", package: "swift-crypto")]),
        // Certificates, transcripts and Open Badges 3.0 credentials (SPEC §9): plain values in, files and
        // verdicts out. It imports nothing of the project, so a board run, a test or another tool can fill it.
        .target(
            name: "Credentials",
            dependencies: [
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
            ]
        ),
        .testTarget(name: "RegulationsTests", dependencies: ["Regulations"]),
        .testTarget(name: "BoardFilesTests", dependencies: ["BoardFiles", "Regulations"]),
        .testTarget(name: "BoardCommandTests", dependencies: ["board", "BoardFiles"]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials"]),
    ]
)
