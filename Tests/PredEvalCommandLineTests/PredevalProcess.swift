import Foundation
import Testing

/// What one run of the built `predeval` binary did.
struct PredevalRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// The repository's Fixtures folder.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The path of fixture `name`.
func fixture(_ name: String) -> String {
    fixturesDirectory.appendingPathComponent(name).path
}

/// The path of a program built next to this test bundle (`predeval`, `predeval-fuzz`).
func builtProgram(_ name: String) -> String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent(name).path
}

/// Runs the `predeval` binary built next to this test bundle, end to end, as a user would (in
/// `directory` if one is given).
func predeval(_ arguments: [String], standardInput: Data? = nil, in directory: URL? = nil) throws -> PredevalRun {
    try run(builtProgram("predeval"), arguments, standardInput: standardInput, in: directory)
}

/// Runs `/bin/sh -c script`, with `$PREDEVAL` set to the built `predeval` binary.
func shell(_ script: String) throws -> PredevalRun {
    try run("/bin/sh", ["-c", "PREDEVAL='\(builtProgram("predeval"))'; \(script)"])
}

/// Runs `program` with `arguments`, feeding it `standardInput`; a death by a signal fails the test.
func run(_ program: String, _ arguments: [String], standardInput: Data? = nil, in directory: URL? = nil) throws -> PredevalRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    // Under AddressSanitizer, .ci/run turns leak checks off for this test process (the toolchain's
    // Foundation and XCTest leak) and back on, through this variable, for the programs under test.
    var environment = ProcessInfo.processInfo.environment
    if let options = environment["PREDEVAL_CHILD_ASAN_OPTIONS"] { environment["ASAN_OPTIONS"] = options }
    process.environment = environment
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-out-\(UUID().uuidString)")
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let standardInput { try input.fileHandleForWriting.write(contentsOf: standardInput) }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "\(program) died by a signal: \(arguments)")
    return PredevalRun(
        status: process.terminationStatus,
        standardOutput: try String(contentsOf: output, encoding: .utf8),
        standardError: try String(contentsOf: errors, encoding: .utf8))
}

/// Writes `text` to a new temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String = ".csv") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-\(UUID().uuidString)\(suffix)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}
