import Foundation
import PredEval
import Testing

/// Labels crafted against the label hash predeval used before it was keyed (SplitMix64's
/// finalizer over the label's two words, no secret): 16 bytes each, every one hashing to a value
/// whose low 32 bits are 0, so that all of them fall into one slot of any table up to 2^32 slots.
enum CraftedLabels {
    static func mix(_ value: UInt64) -> UInt64 {
        var z = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The inverse of `mix`.
    static func unmix(_ value: UInt64) -> UInt64 {
        var z = unshift(value, 31)
        z = z &* inverse(0x94D0_49BB_1331_11EB)
        z = unshift(z, 27)
        z = z &* inverse(0xBF58_476D_1CE4_E5B9)
        return unshift(z, 30)
    }

    /// The 16-byte labels, `count` of them: eight crafted bytes, then `CRAFTED!`.
    static func labels(_ count: Int) -> [[UInt8]] {
        let tail = Array("CRAFTED!".utf8)
        let word1 = tail.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        return (1...count).map { index in
            let word0 = unmix(UInt64(index) << 32) ^ mix(word1 ^ 16)
            #expect(mix(word0 ^ mix(word1 ^ 16)) & 0xFFFF_FFFF == 0)
            return withUnsafeBytes(of: word0) { Array($0) } + tail
        }
    }

    /// Random 16-byte labels: what the crafted ones are measured against.
    static func randomLabels(_ count: Int) -> [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) } }
    }

    /// A CSV field holding `bytes` exactly: quoted, quotes doubled.
    static func field(_ bytes: [UInt8]) -> [UInt8] {
        [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
    }

    private static func unshift(_ value: UInt64, _ shift: UInt64) -> UInt64 {
        var result = value
        for _ in 0..<(64 / shift + 1) { result = value ^ (result >> shift) }
        return result
    }

    private static func inverse(_ odd: UInt64) -> UInt64 {
        var inverse = odd
        for _ in 0..<6 { inverse = inverse &* (2 &- odd &* inverse) }
        return inverse
    }
}

@Suite("A keyed hash: crafted labels and ids cost what random ones cost")
struct HashFloodingTests {
    /// The mean slots a lookup visits, over `labels` interned in one interner.
    private func meanLookupCost(_ labels: [[UInt8]]) -> Double {
        var interner = LabelInterner()
        for label in labels { _ = label.withUnsafeBytes { interner.intern($0) } }
        let total = labels.reduce(0) { $0 + $1.withUnsafeBytes { interner.lookupCost(of: $0) } }
        return Double(total) / Double(labels.count)
    }

    @Test("20,000 labels crafted to collide under the unkeyed hash: lookups cost at most twice those of random labels")
    func craftedLabels() {
        let crafted = meanLookupCost(CraftedLabels.labels(20_000))
        let random = meanLookupCost(CraftedLabels.randomLabels(20_000))
        // Unkeyed, every crafted label shared one slot: about 10,000 slots a lookup.
        #expect(crafted <= 2 * random, "crafted \(crafted), random \(random)")
        #expect(crafted < 3)
    }

    @Test("end to end: 20,000 crafted labels over 300,000 rows, and a truth join on 50,000 crafted ids, finish")
    func endToEnd() throws {
        let labels = CraftedLabels.labels(20_000)
        var file = Array("actual,predicted\n".utf8)
        for row in 0..<300_000 {
            file += CraftedLabels.field(labels[row % labels.count]) + [0x2C] + CraftedLabels.field(labels[(row * 7) % labels.count]) + [0x0A]
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-flood-\(UUID().uuidString).csv").path
        try Data(file).write(to: URL(fileURLWithPath: path))
        // Before the hash was keyed this took 19 s in a release build (0.2 s with random labels).
        let run = try predeval([path, "--format", "json", "--threads", "1"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"rows\": 300000,"))

        let ids = CraftedLabels.labels(50_000)
        var truth = Array("id,label\n".utf8)
        var predictions = Array("id,pred\n".utf8)
        for (index, id) in ids.enumerated() {
            truth += CraftedLabels.field(id) + Array(",c\(index % 3)\n".utf8)
            predictions += CraftedLabels.field(ids[ids.count - 1 - index]) + Array(",c\(index % 2)\n".utf8)
        }
        let truthPath = path + ".truth.csv"
        let predictionPath = path + ".predictions.csv"
        try Data(truth).write(to: URL(fileURLWithPath: truthPath))
        try Data(predictions).write(to: URL(fileURLWithPath: predictionPath))
        let joined = try predeval([predictionPath, "--truth", truthPath, "--id", "id", "--actual", "label", "--predicted", "pred", "--format", "json"])
        #expect(joined.status == 0 && joined.standardOutput.contains("\"matched\": 50000"))
    }
}
