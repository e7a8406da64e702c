/// Decodes `Decodable` values from a `StateValue` as `StateEncoder` wrote them. A value of the
/// wrong kind, an integer out of its type's range or a missing key throws `DecodingError`.
package enum StateDecoder {
    /// The `T` that `value` encodes.
    package static func decode<T: Decodable>(_ type: T.Type, from value: StateValue) throws -> T {
        try decodeValue(T.self, value, codingPath: [])
    }
}

/// Decodes `value` as a `T`: byte strings as `[UInt8]`, everything else as it decodes itself.
private func decodeValue<T: Decodable>(_ type: T.Type, _ value: StateValue, codingPath: [any CodingKey]) throws -> T {
    if T.self == [UInt8].self {
        guard case .bytes(let bytes) = value else { throw mismatch(T.self, value, codingPath) }
        return bytes as! T
    }
    return try T(from: TreeDecoder(value: value, codingPath: codingPath))
}

private func mismatch(_ type: Any.Type, _ value: StateValue, _ codingPath: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, DecodingError.Context(codingPath: codingPath, debugDescription: "found \(kindName(value))"))
}

private func kindName(_ value: StateValue) -> String {
    switch value {
    case .unsigned, .negative: "an integer"
    case .bytes: "a byte string"
    case .text: "text"
    case .array: "an array"
    case .map: "a map"
    case .bool: "a boolean"
    case .null: "null"
    case .double: "a float"
    }
}

/// Primitive values out of state values, checked.
private struct Primitives {
    let codingPath: [any CodingKey]

    func bool(_ value: StateValue) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(Bool.self, value, codingPath) }
        return bool
    }

    func string(_ value: StateValue) throws -> String {
        guard case .text(let text) = value else { throw mismatch(String.self, value, codingPath) }
        return text
    }

    func double(_ value: StateValue) throws -> Double {
        guard case .double(let double) = value else { throw mismatch(Double.self, value, codingPath) }
        return double
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: StateValue) throws -> T {
        let result: T?
        switch value {
        case .unsigned(let magnitude): result = T(exactly: magnitude)
        case .negative(let n): result = n <= UInt64(Int64.max) ? T(exactly: -1 - Int64(n)) : nil
        default: throw mismatch(T.self, value, codingPath)
        }
        guard let result else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "an integer out of the range of \(T.self)"))
        }
        return result
    }
}

private struct TreeDecoder: Decoder {
    let value: StateValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .map(let entries) = value else { throw mismatch([String: Any].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedTreeDecoder<Key>(entries: entries, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Any].self, value, codingPath) }
        return UnkeyedTreeDecoder(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleTreeDecoder(value: value, codingPath: codingPath)
    }
}

private struct KeyedTreeDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let codingPath: [any CodingKey]
    private let values: [String: StateValue]
    let allKeys: [Key]

    init(entries: [(key: String, value: StateValue)], codingPath: [any CodingKey]) {
        self.codingPath = codingPath
        values = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        allKeys = entries.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }

    private func value(_ key: Key) throws -> StateValue {
        guard let value = values[key.stringValue] else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "no \(key.stringValue)"))
        }
        return value
    }

    private var primitives: Primitives { Primitives(codingPath: codingPath) }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try primitives.bool(value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try primitives.string(value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try primitives.double(value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try primitives.double(value(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try primitives.integer(type, value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try primitives.integer(type, value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try primitives.integer(type, value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try primitives.integer(type, value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try primitives.integer(type, value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try primitives.integer(type, value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try primitives.integer(type, value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try primitives.integer(type, value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try primitives.integer(type, value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try primitives.integer(type, value(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(T.self, value(key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { TreeDecoder(value: values["super"] ?? .null, codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder { TreeDecoder(value: try value(key), codingPath: codingPath + [key]) }
}

private struct UnkeyedTreeDecoder: UnkeyedDecodingContainer {
    let items: [StateValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [StateValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> StateValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: codingPath, debugDescription: "the array ends"))
        }
        defer { currentIndex += 1 }
        return items[currentIndex]
    }

    private var primitives: Primitives { Primitives(codingPath: codingPath) }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try primitives.bool(next()) }
    mutating func decode(_ type: String.Type) throws -> String { try primitives.string(next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try primitives.double(next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try primitives.double(next())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try primitives.integer(type, next()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try primitives.integer(type, next()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try primitives.integer(type, next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try primitives.integer(type, next()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try primitives.integer(type, next()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try primitives.integer(type, next()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try primitives.integer(type, next()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try primitives.integer(type, next()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try primitives.integer(type, next()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try primitives.integer(type, next()) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(T.self, next(), codingPath: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(value: next(), codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: next(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { TreeDecoder(value: try next(), codingPath: codingPath) }
}

private struct SingleTreeDecoder: SingleValueDecodingContainer {
    let value: StateValue
    let codingPath: [any CodingKey]

    private var primitives: Primitives { Primitives(codingPath: codingPath) }

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try primitives.bool(value) }
    func decode(_ type: String.Type) throws -> String { try primitives.string(value) }
    func decode(_ type: Double.Type) throws -> Double { try primitives.double(value) }
    func decode(_ type: Float.Type) throws -> Float { Float(try primitives.double(value)) }
    func decode(_ type: Int.Type) throws -> Int { try primitives.integer(type, value) }
    func decode(_ type: Int8.Type) throws -> Int8 { try primitives.integer(type, value) }
    func decode(_ type: Int16.Type) throws -> Int16 { try primitives.integer(type, value) }
    func decode(_ type: Int32.Type) throws -> Int32 { try primitives.integer(type, value) }
    func decode(_ type: Int64.Type) throws -> Int64 { try primitives.integer(type, value) }
    func decode(_ type: UInt.Type) throws -> UInt { try primitives.integer(type, value) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try primitives.integer(type, value) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try primitives.integer(type, value) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try primitives.integer(type, value) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try primitives.integer(type, value) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(T.self, value, codingPath: codingPath) }
}
