// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "predeval",
    products: [
        .executable(name: "predeval", targets: ["predeval"]),
        .library(name: "PredEvalCLI", targets: ["PredEvalCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // libcsv from Debian's libcsv-dev; it ships no pkg-config file, so none is named.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // The only module that touches C.
        .target(name: "CSVStream", dependencies: ["CLibCSV"], swiftSettings: strictSettings),
        // Pure Swift: interning, counts, metrics. No C, no I/O.
        .target(name: "Evaluation", swiftSettings: strictSettings),
        .target(name: "Reporting", dependencies: ["Evaluation"], swiftSettings: strictSettings),
        .target(
            name: "PredEvalCLI",
            dependencies: [
                "CSVStream", "Evaluation", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(name: "predeval", dependencies: ["PredEvalCLI"], swiftSettings: strictSettings),
        // libFuzzer's driver entry, declared for predeval-fuzz's fuzzing build (docs/reliability.md).
        .systemLibrary(name: "CLibFuzzer"),
        // The fuzz harness: a libFuzzer binary when built by .ci/fuzz, an input replayer otherwise.
        .executableTarget(
            name: "predeval-fuzz", dependencies: ["PredEvalCLI", "CSVStream", "Evaluation", "Reporting", "CLibFuzzer"],
            swiftSettings: strictSettings),
        // The benchmark: generated files, the libcsv floor, the reader, the whole evaluation.
        .executableTarget(
            name: "predeval-bench",
            dependencies: [
                "PredEvalCLI", "CSVStream", "Evaluation", "Reporting", "CLibCSV",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
        .testTarget(name: "CSVStreamTests", dependencies: ["CSVStream"], swiftSettings: strictSettings),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"], swiftSettings: strictSettings),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Evaluation"], swiftSettings: strictSettings),
        .testTarget(
            name: "PredEvalCLITests",
            dependencies: [
                "PredEvalCLI", "CSVStream", "Reporting", "predeval", "predeval-fuzz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
