/// Gives each distinct label (a byte string) a dense integer id, in order of first sight.
///
/// A label's bytes are copied once, when first seen; looking one up hashes and compares bytes and
/// builds no `String`. Labels are raw bytes, so byte strings that are not valid UTF-8 stay distinct.
public struct LabelInterner: Sendable {
    /// Every label's bytes, back to back, in id order.
    private var storage: [UInt8] = []
    /// `ends[id]` is where label `id`'s bytes end in `storage` (it starts where `id - 1` ends).
    private var ends: [Int] = []
    /// Open-addressing table of ids (-1 for an empty slot); its size is a power of two.
    private var table: [Int32]
    private var hashes: [UInt64] = []

    /// An interner with no labels.
    public init() {
        table = Array(repeating: -1, count: 64)
    }

    /// How many distinct labels have ids.
    public var count: Int { ends.count }

    /// The id of `label`, giving it the next free id if it has none.
    @inline(__always)
    public mutating func intern(_ label: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(label)
        var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
        while true {
            let id = table[slot]
            if id < 0 { return insert(label, hash: hash, slot: slot) }
            if hashes[Int(id)] == hash && bytesEqual(id: id, label) { return id }
            slot = (slot + 1) & (table.count - 1)
        }
    }

    /// The id of the label spelled `label`, giving it one if it has none.
    public mutating func intern(_ label: some StringProtocol) -> Int32 {
        var utf8 = Array(label.utf8)
        return utf8.withUnsafeMutableBytes { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `label` if it has one.
    public func id(of label: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(label)
        var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
        while table[slot] >= 0 {
            let id = table[slot]
            if hashes[Int(id)] == hash && bytesEqual(id: id, label) { return id }
            slot = (slot + 1) & (table.count - 1)
        }
        return nil
    }

    /// The bytes of label `id`.
    public func bytes(of id: Int32) -> ArraySlice<UInt8> {
        let index = Int(id)
        return storage[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Label `id` as text; bytes that are not UTF-8 show as U+FFFD.
    public func label(_ id: Int32) -> String {
        String(decoding: bytes(of: id), as: UTF8.self)
    }

    /// Gives every label of `other` an id here; returns, for each id of `other`, its id here.
    public mutating func absorb(_ other: LabelInterner) -> [Int32] {
        (0..<Int32(other.count)).map { otherID in
            other.bytes(of: otherID).withUnsafeBytes { intern($0) }
        }
    }

    // MARK: Private

    private func bytesEqual(id: Int32, _ label: UnsafeRawBufferPointer) -> Bool {
        let index = Int(id)
        let start = index == 0 ? 0 : ends[index - 1]
        let length = ends[index] - start
        guard length == label.count else { return false }
        if length == 0 { return true }
        return storage.withUnsafeBytes { stored in
            bytesMatch(stored.baseAddress! + start, label.baseAddress!, length)
        }
    }

    private mutating func insert(_ label: UnsafeRawBufferPointer, hash: UInt64, slot: Int) -> Int32 {
        let id = Int32(ends.count)
        storage.append(contentsOf: label)
        ends.append(storage.count)
        hashes.append(hash)
        table[slot] = id
        if ends.count * 2 > table.count { rehash(size: table.count * 2) }
        return id
    }

    private mutating func rehash(size: Int) {
        table = Array(repeating: -1, count: size)
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            table[slot] = Int32(index)
        }
    }

    /// A 64-bit hash of the bytes, eight at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count {
                tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset))
            }
            hash = mix(hash ^ tail)
        }
        return mix(hash)
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value &* 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 31
        mixed = mixed &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 29)
    }
}

/// Whether `count` bytes at `left` and `right` are equal.
@inline(__always)
private func bytesMatch(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Bool {
    for offset in 0..<count where left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) {
        return false
    }
    return true
}
