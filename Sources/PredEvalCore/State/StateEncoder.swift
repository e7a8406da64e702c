/// Encodes `Encodable` values as a `StateValue`: structs and keyed enums become maps keyed by
/// their property names, arrays and other unkeyed containers arrays, `[UInt8]` a byte string,
/// integers CBOR integers and floats 64-bit floats. An absent optional is left out of its map.
package enum StateEncoder {
    /// `value` as a state value.
    package static func encode(_ value: some Encodable) throws -> StateValue {
        let node = EncodingNode()
        try node.set(value, codingPath: [])
        return node.value
    }
}

/// A value being encoded: filled in by the containers made on it, read when all are done.
private final class EncodingNode {
    private enum Kind {
        case unset, leaf, map, array
    }
    private var kind = Kind.unset
    private var leaf = StateValue.null
    private var entries: [(key: String, node: EncodingNode)] = []
    private var items: [EncodingNode] = []

    /// What was encoded (an empty map when nothing was).
    var value: StateValue {
        switch kind {
        case .unset: .map([])
        case .leaf: leaf
        case .map: .map(entries.map { ($0.key, $0.node.value) })
        case .array: .array(items.map(\.value))
        }
    }

    func setLeaf(_ value: StateValue) {
        kind = .leaf
        leaf = value
    }

    func becomeMap() {
        if kind != .map { (kind, entries) = (.map, []) }
    }

    func becomeArray() {
        if kind != .array { (kind, items) = (.array, []) }
    }

    func child(forKey key: String) -> EncodingNode {
        let node = EncodingNode()
        entries.append((key, node))
        return node
    }

    func appendChild() -> EncodingNode {
        let node = EncodingNode()
        items.append(node)
        return node
    }

    var itemCount: Int { items.count }

    /// Encodes `value` here: byte arrays as byte strings, everything else as it encodes itself.
    func set<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        // By type, not by cast: an empty array of any element type casts to [UInt8].
        if T.self == [UInt8].self {
            setLeaf(.bytes(value as! [UInt8]))
        } else {
            try value.encode(to: TreeEncoder(node: self, codingPath: codingPath))
        }
    }
}

/// An integer as a state value.
private func integer(_ value: some BinaryInteger) -> StateValue {
    value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - Int64(value)))
}

private struct TreeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeMap()
        return KeyedEncodingContainer(KeyedTreeEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedTreeEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleTreeEncoder(node: node, codingPath: codingPath)
    }
}

private struct KeyedTreeEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func put(_ value: StateValue, _ key: Key) { node.child(forKey: key.stringValue).setLeaf(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.text(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(integer(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(forKey: key.stringValue).set(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.becomeMap()
        return KeyedEncodingContainer(KeyedTreeEncoder<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.becomeArray()
        return UnkeyedTreeEncoder(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.child(forKey: "super"), codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedTreeEncoder: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.itemCount }

    private func put(_ value: StateValue) { node.appendChild().setLeaf(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.text(value)) }
    mutating func encode(_ value: Double) throws { put(.double(value)) }
    mutating func encode(_ value: Float) throws { put(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { put(integer(value)) }
    mutating func encode(_ value: Int8) throws { put(integer(value)) }
    mutating func encode(_ value: Int16) throws { put(integer(value)) }
    mutating func encode(_ value: Int32) throws { put(integer(value)) }
    mutating func encode(_ value: Int64) throws { put(integer(value)) }
    mutating func encode(_ value: UInt) throws { put(integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws { try node.appendChild().set(value, codingPath: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = node.appendChild()
        child.becomeMap()
        return KeyedEncodingContainer(KeyedTreeEncoder<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.appendChild()
        child.becomeArray()
        return UnkeyedTreeEncoder(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

private struct SingleTreeEncoder: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.setLeaf(.null) }
    mutating func encode(_ value: Bool) throws { node.setLeaf(.bool(value)) }
    mutating func encode(_ value: String) throws { node.setLeaf(.text(value)) }
    mutating func encode(_ value: Double) throws { node.setLeaf(.double(value)) }
    mutating func encode(_ value: Float) throws { node.setLeaf(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: Int8) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: Int16) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: Int32) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: Int64) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: UInt) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: UInt8) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: UInt16) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: UInt32) throws { node.setLeaf(integer(value)) }
    mutating func encode(_ value: UInt64) throws { node.setLeaf(integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.set(value, codingPath: codingPath) }
}
