/// Gives each distinct label (a byte string) a dense integer id, in order of first sight.
///
/// A label's bytes are copied once, when first seen; looking one up hashes and compares bytes and
/// builds no `String`. Labels are raw bytes, so byte strings that are not valid UTF-8 stay distinct.
/// A label of at most 16 bytes is looked up by its `LabelKey` alone (two words and a length,
/// compared in three instructions); a longer one is compared byte for byte as well.
public struct LabelInterner: Sendable {
    /// Every label's bytes, back to back, in id order.
    private var storage: [UInt8] = []
    /// `ends[id]` is where label `id`'s bytes end in `storage` (it starts where `id - 1` ends).
    private var ends: [Int] = []
    /// Open-addressing table (`Slot.empty` where free); its size is a power of two.
    private var table: [Slot]
    /// Each id's hash, for rehashing.
    private var hashes: [UInt64] = []
    /// The hash key: the process's, so that no file can be crafted to collide in the table.
    private let hashKey = HashKey.process

    /// An interner with no labels.
    public init() {
        table = Array(repeating: .empty, count: 64)
    }

    /// How many distinct labels have ids.
    public var count: Int { ends.count }

    /// The id of `label`, giving it the next free id if it has none.
    ///
    /// - Parameter label: the label's bytes (copied if new).
    /// - Returns: its id.
    @inline(__always)
    public mutating func intern(_ label: UnsafeRawBufferPointer) -> Int32 {
        let key = LabelKey(label)
        let hash = key.length > LabelKey.exactLength ? Self.hash(label, keyedBy: hashKey) : key.hash(keyedBy: hashKey)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[slot]
            if entry.id < 0 { return insert(label, key: key, hash: hash, slot: slot) }
            if entry.key == key && (key.length <= LabelKey.exactLength || storedBytesEqual(id: entry.id, label)) {
                return entry.id
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of the label spelled `label`, giving it one if it has none.
    ///
    /// - Parameter label: the label (its UTF-8 bytes).
    /// - Returns: its id.
    public mutating func intern(_ label: some StringProtocol) -> Int32 {
        var utf8 = Array(label.utf8)
        return utf8.withUnsafeMutableBytes { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `label`, where `known` is the id of `previous`: reused without a lookup when the
    /// two hold the same bytes (a prediction that repeats the actual label, a column that repeats
    /// the last row's label).
    ///
    /// - Parameters:
    ///   - label: the label's bytes.
    ///   - known: the id of `previous`.
    ///   - previous: bytes whose id is known.
    /// - Returns: the id of `label`.
    @inline(__always)
    public mutating func intern(_ label: UnsafeRawBufferPointer, reusing known: Int32, of previous: UnsafeRawBufferPointer) -> Int32 {
        if label.count == previous.count
            && (label.count == 0 || bytesEqual(label.baseAddress!, previous.baseAddress!, count: label.count))
        {
            return known
        }
        return intern(label)
    }

    /// The id of `label` if it has one.
    ///
    /// - Parameter label: the label's bytes.
    /// - Returns: its id, or nil if it has none.
    public func id(of label: UnsafeRawBufferPointer) -> Int32? {
        let key = LabelKey(label)
        let hash = key.length > LabelKey.exactLength ? Self.hash(label, keyedBy: hashKey) : key.hash(keyedBy: hashKey)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while table[slot].id >= 0 {
            let entry = table[slot]
            if entry.key == key && (key.length <= LabelKey.exactLength || storedBytesEqual(id: entry.id, label)) {
                return entry.id
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// How many slots of the table a lookup of `label` visits (1 at best): what a file crafted to
    /// collide would drive up, and the keyed hash keeps near 1.
    ///
    /// - Parameter label: the label's bytes.
    /// - Returns: the slots visited until the label (or a free slot) is found.
    public func lookupCost(of label: UnsafeRawBufferPointer) -> Int {
        let key = LabelKey(label)
        let hash = key.length > LabelKey.exactLength ? Self.hash(label, keyedBy: hashKey) : key.hash(keyedBy: hashKey)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        var visited = 1
        while table[slot].id >= 0 {
            let entry = table[slot]
            if entry.key == key && (key.length <= LabelKey.exactLength || storedBytesEqual(id: entry.id, label)) { break }
            slot = (slot + 1) & mask
            visited += 1
        }
        return visited
    }

    /// The bytes of label `id`.
    ///
    /// - Parameter id: an id this interner gave.
    /// - Returns: the label's bytes.
    public func bytes(of id: Int32) -> ArraySlice<UInt8> {
        let index = Int(id)
        return storage[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Label `id` as text; bytes that are not UTF-8 show as U+FFFD.
    ///
    /// - Parameter id: an id this interner gave.
    /// - Returns: the label as text.
    public func label(_ id: Int32) -> String {
        String(decoding: bytes(of: id), as: UTF8.self)
    }

    /// Gives every label of `other` an id here; returns, for each id of `other`, its id here.
    ///
    /// - Parameter other: another interner.
    /// - Returns: the id map that merges counts of `other` into counts here.
    public mutating func absorb(_ other: LabelInterner) -> [Int32] {
        (0..<Int32(other.count)).map { otherID in
            other.bytes(of: otherID).withUnsafeBytes { intern($0) }
        }
    }

    // MARK: Private

    private func storedBytesEqual(id: Int32, _ label: UnsafeRawBufferPointer) -> Bool {
        let index = Int(id)
        let start = index == 0 ? 0 : ends[index - 1]
        let length = ends[index] - start
        guard length == label.count else { return false }
        return storage.withUnsafeBytes { stored in
            length == 0 || bytesEqual(stored.baseAddress! + start, label.baseAddress!, count: length)
        }
    }

    private mutating func insert(_ label: UnsafeRawBufferPointer, key: LabelKey, hash: UInt64, slot: Int) -> Int32 {
        let id = Int32(ends.count)
        storage.append(contentsOf: label)
        ends.append(storage.count)
        hashes.append(hash)
        table[slot] = Slot(key: key, id: id)
        if ends.count * 2 > table.count { rehash(size: table.count * 2) }
        return id
    }

    private mutating func rehash(size: Int) {
        var grown = Array(repeating: Slot.empty, count: size)
        for entry in table where entry.id >= 0 {
            var slot = Int(truncatingIfNeeded: hashes[Int(entry.id)]) & (size - 1)
            while grown[slot].id >= 0 { slot = (slot + 1) & (size - 1) }
            grown[slot] = entry
        }
        table = grown
    }

    /// One place of the table: a label's key and id, or `empty`.
    private struct Slot: Sendable {
        static let empty = Slot(key: LabelKey(word0: 0, word1: 0, length: 0), id: -1)
        var key: LabelKey
        var id: Int32
    }

    /// A 64-bit hash of the bytes under `key`, eight at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, keyedBy key: HashKey) -> UInt64 {
        var hash: UInt64 = key.word0 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = LabelKey.mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            if bytes.count >= 8 {
                // The last eight bytes, shifted so that only those past `offset` are left.
                let remaining = bytes.count - offset
                tail = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self).littleEndian >> (8 * UInt64(8 - remaining))
            } else {
                for index in offset..<bytes.count {
                    tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset))
                }
            }
            hash = LabelKey.mix(hash ^ tail)
        }
        return LabelKey.mix(hash ^ key.word1)
    }
}

/// Two words and a length that stand for a label: for a label of at most `exactLength` bytes they
/// determine it (equal keys, equal bytes), for a longer one they are its first and last eight bytes.
struct LabelKey: Equatable, Sendable {
    /// The longest label a key determines.
    static let exactLength = 16

    var word0: UInt64
    var word1: UInt64
    var length: Int

    init(word0: UInt64, word1: UInt64, length: Int) {
        self.word0 = word0
        self.word1 = word1
        self.length = length
    }

    /// The key of `bytes`. For a given length the two words (which may overlap) cover every byte.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer) {
        length = bytes.count
        switch length {
        case 8...:
            word0 = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            word1 = bytes.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        case 4..<8:
            word0 = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            word1 = UInt64(bytes.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self))
        case 1..<4:
            word0 = UInt64(bytes[0]) | UInt64(bytes[length / 2]) << 8 | UInt64(bytes[length - 1]) << 16
            word1 = 0
        default:
            word0 = 0
            word1 = 0
        }
    }

    /// A hash of the key under `key`, good for labels it determines: every bit of both words, and
    /// of the key, reaches the low bits that pick a slot.
    @inline(__always)
    func hash(keyedBy key: HashKey) -> UInt64 {
        Self.mix(word0 ^ key.word0 ^ Self.mix(word1 ^ key.word1 ^ UInt64(truncatingIfNeeded: length)))
    }

    /// SplitMix64's finalizer.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// The secret that keys the label hash: drawn once per process from the system's random source.
/// Without it the hash (SplitMix64's invertible finalizer) lets a file be written whose labels or
/// ids all land in one slot, turning each lookup into a walk over all of them.
struct HashKey: Sendable {
    var word0: UInt64
    var word1: UInt64

    /// This process's key.
    static let process: HashKey = {
        var generator = SystemRandomNumberGenerator()
        return HashKey(word0: generator.next(), word1: generator.next())
    }()
}

extension LabelInterner: Codable {
    /// Reads the labels' bytes in id order, each given its id again; two labels of the same
    /// bytes are corrupt.
    public init(from decoder: any Decoder) throws {
        self.init()
        var labels = try decoder.unkeyedContainer()
        while !labels.isAtEnd {
            let label = try labels.decode([UInt8].self)
            let id = label.withUnsafeBytes { intern($0) }
            guard Int(id) == count - 1 else {
                throw DecodingError.dataCorruptedError(in: labels, debugDescription: "a label is listed twice")
            }
        }
    }

    /// Writes the labels' bytes in id order.
    public func encode(to encoder: any Encoder) throws {
        var labels = encoder.unkeyedContainer()
        for id in 0..<Int32(count) { try labels.encode(Array(bytes(of: id))) }
    }
}
