/// How an input's bytes are encoded on their way to CSV text, told by its first bytes: gzip or
/// zstd compression, UTF-16 with a byte-order mark. Such input is decoded on a thread of its own
/// (`DecodedStream`) and read as the UTF-8 text it holds.
public enum InputEncoding: String, Sendable, Equatable {
    case gzip, zstd, utf16

    /// The most bytes `detected(in:)` looks at.
    static let magicLength = 4

    /// The encoding `start` (an input's first bytes, at least `magicLength` unless the input is
    /// shorter) begins with; nil for plain text (or a format the reader refuses).
    static func detected(in start: UnsafeRawBufferPointer) -> InputEncoding? {
        func starts(_ magic: [UInt8]) -> Bool { start.count >= magic.count && zip(start, magic).allSatisfy { $0 == $1 } }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        // FF FE 00 00 is UTF-32's little-endian mark, which `FileStart` refuses.
        if starts([0xFF, 0xFE]) && !starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0xFE, 0xFF]) { return .utf16 }
        return nil
    }
}
