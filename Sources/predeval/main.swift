import PredEvalCommandLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A closed pipe must surface as a write error with a message, not kill the process by a signal.
signal(SIGPIPE, SIG_IGN)
exit(CommandLineEntry.run(Array(CommandLine.arguments.dropFirst())))
