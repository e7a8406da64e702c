import ArgumentParser
import PredEval

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `predeval` on a list of arguments and turns every outcome into an exit status:
/// 0 report written (or help shown), 1 a quality gate failed, 2 bad usage or bad input.
public enum CommandLineEntry {
    /// Exit status when a `--fail-under` gate failed (the report was written).
    public static let qualityGateFailure: Int32 = 1
    /// Exit status for bad usage or bad input.
    public static let usageOrInputFailure: Int32 = 2

    /// This process's arguments, without the program name, read as bytes: a file name that is not
    /// UTF-8 still names its file (`FileName`), where `CommandLine.arguments` would replace its
    /// bytes with U+FFFD.
    public static var processArguments: [String] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            let bytes = UnsafeBufferPointer(start: argument, count: strlen(argument))
            return FileName.decoding(bytes.map { UInt8(bitPattern: $0) })
        }
    }

    /// Parses `arguments` (without the program name), runs the command, returns the exit status.
    ///
    /// - Parameter arguments: the command line without the program name.
    /// - Returns: the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try PredevalCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as EvaluationError {
            Diagnostics.error(failure.description(using: .commandLine))
            return usageOrInputFailure
        } catch let failure as CommandFailure {
            Diagnostics.error(failure.description)
            return usageOrInputFailure
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let command = ["compare", "merge"].contains(arguments.first) ? arguments[0] : "evaluate"
            return reportParserOutcome(error, command: command)
        }
    }

    /// Help and version go to standard output with status 0; usage errors to standard error, with
    /// a pointer to `--help`, and status 2.
    private static func reportParserOutcome(_ error: any Error, command: String) -> Int32 {
        let status = PredevalCommand.exitCode(for: error)
        if status == .success {
            print(PredevalCommand.fullMessage(for: error))
            return 0
        }
        Diagnostics.error(PredevalCommand.message(for: error))
        Diagnostics.writeError("Run 'predeval \(command) --help' for the options and examples.\n")
        return usageOrInputFailure
    }
}
