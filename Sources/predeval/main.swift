import PredEvalCommandLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

SignalHandling.install()
exit(CommandLineEntry.run(CommandLineEntry.processArguments))
