import PredEvalCore

/// Ids compared as numbers (`--id-type number`): `007`, `7`, `+7`, `7.0` and ` 7 ` are one id.
///
/// A plain decimal is made canonical by its text — no leading zeros, no trailing zeros after the
/// point, no point without a fraction — so that ids of any length stay exact (a Double holds
/// integers exactly only up to 2^53, and 17-digit ids are common); only a number written with an
/// exponent goes through its value.
enum NumericID {
    /// The one spelling of the number `id` spells, or nil when it spells none.
    static func canonical(_ id: UnsafeRawBufferPointer) -> [UInt8]? {
        var bytes = id[...]
        while let first = bytes.first, first == UInt8(ascii: " ") { bytes.removeFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") { bytes.removeLast() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        var whole = bytes[..<(point ?? bytes.endIndex)]
        var fraction = point.map { bytes[bytes.index(after: $0)...] } ?? bytes[bytes.endIndex...]
        guard whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit), !(whole.isEmpty && fraction.isEmpty) else {
            // An exponent, or no number at all.
            return NumericLabel.value(id).map { Array(NumericLabel.text(of: $0).utf8) }
        }
        while let first = whole.first, first == UInt8(ascii: "0") { whole.removeFirst() }
        while let last = fraction.last, last == UInt8(ascii: "0") { fraction.removeLast() }
        if whole.isEmpty && fraction.isEmpty { return Array("0".utf8) }
        var canonical: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        canonical += whole.isEmpty ? [UInt8(ascii: "0")] : Array(whole)
        if !fraction.isEmpty { canonical += [UInt8(ascii: ".")] + fraction }
        return canonical
    }
}
