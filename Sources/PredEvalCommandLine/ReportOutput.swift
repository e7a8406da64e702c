import Foundation

/// Where a rendered report goes: standard output, or the file `--output` names.
struct ReportOutput {
    /// The file to write, or nil for standard output.
    let path: String?

    /// Writes the whole report.
    func write(_ text: String) throws {
        let data = Data(text.utf8)
        do {
            if let path {
                try data.write(to: URL(fileURLWithPath: path))
            } else {
                try FileHandle.standardOutput.write(contentsOf: data)
            }
        } catch {
            let target = path ?? "standard output"
            throw CommandFailure("\(target): cannot write the report: \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(nsError.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
