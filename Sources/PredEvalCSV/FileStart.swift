/// What the first bytes of an input (decoded: see `InputEncoding`) tell before it is parsed:
/// whether it is a format predeval does not read (by its magic bytes), and, when no delimiter was
/// given, which one it uses.
enum FileStart {
    /// At most this many bytes are looked at.
    static let sampleLimit = 1 << 16

    /// The format `sample` (the input's first bytes) starts as, if it is one predeval refuses:
    /// by magic bytes, or binary by the share of control bytes.
    static func refusedFormat(_ sample: UnsafeRawBufferPointer) -> CSVReadError.Format? {
        func starts(_ magic: [UInt8]) -> Bool { sample.count >= magic.count && zip(sample, magic).allSatisfy { $0 == $1 } }
        if starts(Array("PAR1".utf8)) { return .parquet }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .oldExcel }
        if starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x00, 0x00, 0xFE, 0xFF]) { return .utf32 }
        if starts(Array("SQLite format 3".utf8)) { return .sqlite }
        if starts([0x89, 0x48, 0x44, 0x46]) { return .hdf5 }
        if starts([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return .numpy }
        if starts([0x80]) && sample.count > 1 && (2...5).contains(sample[1]) { return .pickle }
        // Text holds few control bytes (tab and line breaks aside) in its first 4 KiB; a binary
        // file holds many (random bytes: 11%). Above 1 in 12 is binary; short inputs, and text
        // with some raw bytes in its labels, are left to the parser.
        let head = UnsafeRawBufferPointer(rebasing: sample.prefix(4096))
        let controls = head.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) || $0 == 0x7F }.count
        if head.count >= 512, controls * 12 > head.count { return .binary }
        return nil
    }

    /// The delimiter among `,` `;` tab `|` that splits the first lines of `sample` (a byte-order
    /// mark already removed) into the same number of fields, the most fields winning (a comma on
    /// ties); a comma when none does.
    ///
    /// Quotes are honoured (a delimiter inside a quoted field does not count). The first line
    /// must hold the delimiter; every further complete line (up to 20) must hold it as often.
    static func sniffedDelimiter(_ sample: UnsafeRawBufferPointer) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var lines: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var quoted = false
        var lineHasContent = false
        for byte in sample {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D {
                if lineHasContent { lines.append(counts) }
                counts = [Int](repeating: 0, count: candidates.count)
                lineHasContent = false
                if lines.count > 20 { break }
                continue
            }
            lineHasContent = true
            if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
        }
        // A last line without a line break counts when the sample is the whole input's start
        // and holds no other line (a one-line file).
        if lines.isEmpty && lineHasContent { lines.append(counts) }
        guard let header = lines.first else { return candidates[0] }
        var best: (index: Int, fields: Int)?
        for index in candidates.indices where header[index] > 0 {
            guard lines.allSatisfy({ $0[index] == header[index] }) else { continue }
            if best == nil || header[index] > best!.fields { best = (index, header[index]) }
        }
        if let best { return candidates[best.index] }
        // No delimiter splits every line alike: the one the header holds most, else a comma.
        let most = candidates.indices.max { header[$0] < header[$1] }!
        return header[most] > 0 ? candidates[most] : candidates[0]
    }
}
