/// File names as the system has them: bytes, not always UTF-8. A name's bytes that are not UTF-8
/// travel in a `String` as the private-use scalars U+F780–U+F7FF (one per byte 0x80–0xFF), and
/// go back to those bytes when the file is opened, so that any file can be named and read.
public enum FileName {
    /// The first private-use scalar standing for a byte (byte 0x80 is U+F780).
    static let byteScalarBase: UInt32 = 0xF700

    /// A name's bytes as a `String`: UTF-8 where they are, one private-use scalar per other byte.
    ///
    /// - Parameter bytes: the name's bytes, as in `argv`.
    /// - Returns: the name.
    public static func decoding(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            if let (scalar, length) = scalar(in: bytes, at: index) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append(Unicode.Scalar(byteScalarBase + UInt32(bytes[index]))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// The bytes a name stands for, NUL-terminated, for the system's calls.
    ///
    /// - Parameter name: a name made by `decoding(_:)` (or any string).
    /// - Returns: the bytes, ending in 0.
    public static func systemBytes(_ name: String) -> [CChar] {
        var bytes: [CChar] = []
        for scalar in name.unicodeScalars {
            if let byte = byte(standingFor: scalar) {
                bytes.append(CChar(bitPattern: byte))
            } else {
                for unit in UTF8.encode(scalar)! { bytes.append(CChar(bitPattern: unit)) }
            }
        }
        return bytes + [0]
    }

    /// The byte a private-use scalar of `decoding(_:)` stands for, if it is one.
    static func byte(standingFor scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        guard value >= byteScalarBase + 0x80, value <= byteScalarBase + 0xFF else { return nil }
        return UInt8(value - byteScalarBase)
    }

    /// The scalar of a well-formed UTF-8 sequence at `index`, and its length; nil where the bytes
    /// there are not one (a stray continuation byte, an overlong form, a surrogate, a cut).
    private static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        let minimum: UInt32
        switch lead {
        case 0xC2...0xDF: (length, minimum) = (2, 0x80)
        case 0xE0...0xEF: (length, minimum) = (3, 0x800)
        case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
