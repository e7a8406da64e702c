import ArgumentParser
import Foundation

/// `predeval-bench`: writes the benchmark files from a fixed seed and times, in this process,
/// the libcsv floor, the reader and the whole evaluation on each, runs alternating, medians reported.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predeval-bench",
        abstract: "Time predeval's stages against the libcsv floor on generated files (docs/performance.md).",
        discussion: """
            Build with -c release. Files are written once into the directory and reused. \
            .ci/bench times whole processes against DuckDB, polars and pandas on the same files.
            """)

    @Option(help: ArgumentHelp("Where the generated files are kept.", valueName: "dir"))
    var directory = "/tmp/predeval-bench"

    @Option(help: ArgumentHelp("Timed runs of each stage on each file.", valueName: "n"))
    var runs = 5

    @Option(help: ArgumentHelp("Threads for the parallel evaluation (default: one per core).", valueName: "n"))
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Also the 50,000,000-row file (~1.3 GB).")
    var tenfold = false

    @Flag(help: "Only write the files and print their paths.")
    var generateOnly = false

    @Option(help: ArgumentHelp("Only run the libcsv floor over this file, once (for timing as a process).", valueName: "file"))
    var floorOnly: String?

    func run() throws {
        if let floorOnly {
            print("\(libcsvFloor(floorOnly)) rows")
            return
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files = BenchmarkFile.allCases.filter { tenfold || $0 != .tenfold }
        let paths = files.map { $0.generate(in: directory) }
        if generateOnly {
            paths.forEach { print($0) }
            return
        }
        print("predeval-bench: \(runs) runs each, alternating; median wall time; \(threads) threads for 'all cores'")
        for (file, path) in zip(files, paths) {
            let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            var times: [Stage: [Double]] = [:]
            for _ in 0..<runs {
                for stage in Stage.allCases {
                    let start = ContinuousClock.now
                    let rows = try stage.run(file, path: path, threads: threads)
                    let elapsed = start.duration(to: .now)
                    precondition(rows == file.rows, "\(stage.rawValue) saw \(rows) rows of \(file.rows)")
                    times[stage, default: []].append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
            }
            print("\n\(file.rawValue): \(file.rows) rows, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
            let floor = median(times[.floor]!)
            for stage in Stage.allCases {
                let seconds = median(times[stage]!)
                let name = stage.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
                print(
                    name
                        + String(
                            format: " %7.3f s  %7.1f MB/s  %6.2f M rows/s  %5.2fx floor", seconds,
                            Double(bytes) / 1e6 / seconds, Double(file.rows) / 1e6 / seconds, seconds / floor))
            }
        }
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
