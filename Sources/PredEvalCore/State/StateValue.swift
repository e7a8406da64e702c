/// One value of a state file's body: the subset of CBOR (RFC 8949) that states use, so that any
/// CBOR reader (Python's `cbor2`, say) can read one. Integers are major types 0 and 1, byte
/// strings 2, text 3, arrays 4, maps with text keys 5, and false, true, null and 64-bit floats 7;
/// every length is definite.
public enum StateValue: Sendable, Equatable {
    /// An integer from 0 to 2⁶⁴ − 1.
    case unsigned(UInt64)
    /// The integer −1 − n.
    case negative(UInt64)
    /// A byte string (a label, which need not be UTF-8).
    case bytes([UInt8])
    /// A UTF-8 text string.
    case text(String)
    /// An array.
    case array([StateValue])
    /// A map with text keys, in the order written.
    case map([(key: String, value: StateValue)])
    /// False or true.
    case bool(Bool)
    /// Null (an absent optional).
    case null
    /// A 64-bit float, bit for bit.
    case double(Double)

    public static func == (lhs: StateValue, rhs: StateValue) -> Bool {
        switch (lhs, rhs) {
        case (.unsigned(let a), .unsigned(let b)), (.negative(let a), .negative(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
        default: false
        }
    }

    /// The value's CBOR encoding.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        write(to: &bytes)
        return bytes
    }

    /// Appends the value's CBOR encoding to `bytes`.
    public func write(to bytes: inout [UInt8]) {
        switch self {
        case .unsigned(let value): Self.writeHead(major: 0, value, to: &bytes)
        case .negative(let value): Self.writeHead(major: 1, value, to: &bytes)
        case .bytes(let value):
            Self.writeHead(major: 2, UInt64(value.count), to: &bytes)
            bytes += value
        case .text(let value):
            Self.writeHead(major: 3, UInt64(value.utf8.count), to: &bytes)
            bytes += value.utf8
        case .array(let values):
            Self.writeHead(major: 4, UInt64(values.count), to: &bytes)
            for value in values { value.write(to: &bytes) }
        case .map(let entries):
            Self.writeHead(major: 5, UInt64(entries.count), to: &bytes)
            for entry in entries {
                StateValue.text(entry.key).write(to: &bytes)
                entry.value.write(to: &bytes)
            }
        case .bool(let value): bytes.append(value ? 0xF5 : 0xF4)
        case .null: bytes.append(0xF6)
        case .double(let value):
            bytes.append(0xFB)
            Self.appendBigEndian(value.bitPattern, byteCount: 8, to: &bytes)
        }
    }

    /// Reads one value from `bytes` (all of them), refusing anything but the subset written,
    /// nesting deeper than `maximumDepth`, and lengths longer than the bytes left.
    public static func decode(_ bytes: [UInt8]) throws(StateValueError) -> StateValue {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        guard reader.offset == bytes.count else { throw .trailingBytes(at: reader.offset) }
        return value
    }

    /// The deepest nesting a state's body may have.
    public static let maximumDepth = 64

    // MARK: Private

    private static func writeHead(major: UInt8, _ value: UInt64, to bytes: inout [UInt8]) {
        let type = major << 5
        switch value {
        case ..<24: bytes.append(type | UInt8(value))
        case ..<0x100:
            bytes.append(type | 24)
            bytes.append(UInt8(value))
        case ..<0x1_0000:
            bytes.append(type | 25)
            appendBigEndian(value, byteCount: 2, to: &bytes)
        case ..<0x1_0000_0000:
            bytes.append(type | 26)
            appendBigEndian(value, byteCount: 4, to: &bytes)
        default:
            bytes.append(type | 27)
            appendBigEndian(value, byteCount: 8, to: &bytes)
        }
    }

    private static func appendBigEndian(_ value: UInt64, byteCount: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (byteCount - 1) * 8, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Reads values from a byte array, checking every length against what is left.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func value(depth: Int) throws(StateValueError) -> StateValue {
            guard depth <= StateValue.maximumDepth else { throw .tooDeep(at: offset) }
            let start = offset
            let initial = try byte()
            let major = initial >> 5
            let minor = initial & 0x1F
            if major == 7 {
                switch minor {
                case 20: return .bool(false)
                case 21: return .bool(true)
                case 22: return .null
                case 27: return .double(Double(bitPattern: try bigEndian(byteCount: 8)))
                default: throw .unsupported(at: start)
                }
            }
            let argument: UInt64
            switch minor {
            case ..<24: argument = UInt64(minor)
            case 24: argument = try bigEndian(byteCount: 1)
            case 25: argument = try bigEndian(byteCount: 2)
            case 26: argument = try bigEndian(byteCount: 4)
            case 27: argument = try bigEndian(byteCount: 8)
            default: throw .unsupported(at: start)
            }
            switch major {
            case 0: return .unsigned(argument)
            case 1: return .negative(argument)
            case 2: return .bytes(try take(argument, at: start))
            case 3:
                let utf8 = try take(argument, at: start)
                guard let text = String(validating: utf8, as: UTF8.self) else { throw .badText(at: start) }
                return .text(text)
            case 4:
                // Each element takes at least one byte: a longer count is a lie.
                guard argument <= UInt64(bytes.count - offset) else { throw .truncated(at: start) }
                var values: [StateValue] = []
                values.reserveCapacity(Int(argument))
                for _ in 0..<argument { values.append(try value(depth: depth + 1)) }
                return .array(values)
            case 5:
                guard argument <= UInt64(bytes.count - offset) / 2 else { throw .truncated(at: start) }
                var entries: [(key: String, value: StateValue)] = []
                for _ in 0..<argument {
                    let keyStart = offset
                    guard case .text(let key) = try value(depth: depth + 1) else { throw .unsupported(at: keyStart) }
                    entries.append((key, try value(depth: depth + 1)))
                }
                return .map(entries)
            default: throw .unsupported(at: start)
            }
        }

        private mutating func byte() throws(StateValueError) -> UInt8 {
            guard offset < bytes.count else { throw .truncated(at: offset) }
            defer { offset += 1 }
            return bytes[offset]
        }

        private mutating func bigEndian(byteCount: Int) throws(StateValueError) -> UInt64 {
            guard bytes.count - offset >= byteCount else { throw .truncated(at: offset) }
            var value: UInt64 = 0
            for index in offset..<offset + byteCount { value = value << 8 | UInt64(bytes[index]) }
            offset += byteCount
            return value
        }

        private mutating func take(_ count: UInt64, at start: Int) throws(StateValueError) -> [UInt8] {
            guard count <= UInt64(bytes.count - offset) else { throw .truncated(at: start) }
            defer { offset += Int(count) }
            return Array(bytes[offset..<offset + Int(count)])
        }
    }
}

/// Why bytes are not a state value.
public enum StateValueError: Error, Sendable, Equatable {
    /// The bytes end inside the value that starts at this offset.
    case truncated(at: Int)
    /// Something other than the subset states use starts at this offset.
    case unsupported(at: Int)
    /// A text string at this offset is not UTF-8.
    case badText(at: Int)
    /// Nesting deeper than `StateValue.maximumDepth` starts at this offset.
    case tooDeep(at: Int)
    /// Bytes follow the value, from this offset.
    case trailingBytes(at: Int)
}
