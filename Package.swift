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
        // The engine as a library: Evaluator, Scorer, Report and its renderers. No ArgumentParser.
        .library(name: "PredEval", targets: ["PredEval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // libcsv from Debian's libcsv-dev; it ships no pkg-config file, so none is named.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // zlib and libzstd from Debian's zlib1g-dev and libzstd-dev: gzip and zstd input.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        // Pure Swift: columns, labels, counting, metrics, the report and its renderers. No C, no
        // Foundation, no I/O.
        .target(name: "PredEvalCore", swiftSettings: strictSettings),
        // The only module that imports C: reading plans, ~Copyable readers, decompression and
        // transcoding (glibc's iconv), typed read errors.
        .target(
            name: "PredEvalCSV", dependencies: ["CLibCSV", "CZlib", "CZstd", "PredEvalCore"], swiftSettings: strictSettings),
        // Design §6's bootstrap weights drawn eight at a time where the CPU has AVX-512 (chosen at
        // run time), one at a time elsewhere; the same bits either way.
        .target(name: "CPoissonWeights"),
        // The engine: Evaluator (file → Report), Scorer (rows → Report), truth joins, slices,
        // parallel parts, the bootstrap's weights. Re-exports PredEvalCore.
        .target(
            name: "PredEval", dependencies: ["PredEvalCore", "PredEvalCSV", "CPoissonWeights"], swiftSettings: strictSettings),
        // swift-argument-parser only: option groups → EvaluationOptions, messages, exit statuses.
        .target(
            name: "PredEvalCommandLine",
            dependencies: ["PredEval", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings),
        .executableTarget(name: "predeval", dependencies: ["PredEvalCommandLine"], swiftSettings: strictSettings),
        // libFuzzer's driver entry, declared for predeval-fuzz's fuzzing build (docs/reliability.md).
        .systemLibrary(name: "CLibFuzzer"),
        // The fuzz harness: a libFuzzer binary when built by .ci/fuzz, an input replayer otherwise.
        .executableTarget(name: "predeval-fuzz", dependencies: ["PredEval", "CLibFuzzer"], swiftSettings: strictSettings),
        // The benchmark: generated files, the libcsv floor, the reader, the whole evaluation.
        .executableTarget(
            name: "predeval-bench",
            dependencies: [
                "PredEval", "PredEvalCSV", "CLibCSV",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
        .testTarget(name: "PredEvalCoreTests", dependencies: ["PredEvalCore"], swiftSettings: strictSettings),
        .testTarget(name: "PredEvalCSVTests", dependencies: ["PredEvalCSV"], swiftSettings: strictSettings),
        .testTarget(name: "PredEvalTests", dependencies: ["PredEval"], swiftSettings: strictSettings),
        .testTarget(
            name: "PredEvalCommandLineTests",
            dependencies: [
                "PredEvalCommandLine", "PredEval", "PredEvalCSV", "CPoissonWeights", "predeval", "predeval-fuzz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
