import Foundation

#if PREDEVAL_FUZZING
    import CLibFuzzer
#endif

/// `predeval-fuzz`: built with `-sanitize=fuzzer,address -DPREDEVAL_FUZZING` it is a libFuzzer
/// binary (every libFuzzer flag applies); built plainly it replays inputs: each file named, or
/// every file in each directory named, goes through the same checks, and it prints how many passed.
@main
enum FuzzEntry {
    static func main() {
        #if PREDEVAL_FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
        #else
            replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    /// Runs every input under `paths` through the harness.
    private static func replay(_ paths: [String]) {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: predeval-fuzz FILE_OR_DIRECTORY...\n".utf8))
            exit(2)
        }
        let scratch = ScratchFile()
        var checked = 0
        for input in inputFiles(under: paths) {
            // Not FileManager.contents(atPath:): it leaks its buffer on an empty file (LeakSanitizer).
            guard let handle = FileHandle(forReadingAtPath: input), let bytes = try? handle.readToEnd() ?? Data() else {
                FileHandle.standardError.write(Data("predeval-fuzz: cannot read \(input)\n".utf8))
                exit(2)
            }
            bytes.withUnsafeBytes { FuzzHarness.check($0, scratch: scratch) }
            checked += 1
        }
        print("predeval-fuzz: \(checked) inputs checked, no invariant broken")
    }

    private static func inputFiles(under paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { "\(path)/\($0)" }
        }
    }
}

#if PREDEVAL_FUZZING
    /// The scratch file every fuzz input is written to.
    nonisolated(unsafe) private let fuzzScratch = ScratchFile()

    /// libFuzzer's entry point: one input, checked; returns 0 as libFuzzer requires.
    @_cdecl("LLVMFuzzerTestOneInput")
    func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        FuzzHarness.check(UnsafeRawBufferPointer(start: data, count: size), scratch: fuzzScratch)
        return 0
    }
#endif
