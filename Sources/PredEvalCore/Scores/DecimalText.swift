/// Numbers as files write them: `0.25`, `-1.5e-3`, `.5`, `7`, `1.` (surrounding spaces allowed),
/// read to the nearest `Double` exactly as `Double(String)` (strtod) reads them. Anything else —
/// empty, `nan`, `inf`, hexadecimal, a second point — is no number here: a score that is not a
/// finite decimal is an error, never a silent NaN.
public enum DecimalText {
    /// The value of `bytes`, or nil when they are not a finite decimal number.
    ///
    /// Most scores take the fast path: up to 19 significant digits and a power of ten up to 22,
    /// where one multiplication or division of two exact doubles rounds correctly (Clinger's fast
    /// path). Others go through `Double(String)`, after the same syntax check.
    ///
    /// - Parameter bytes: a cell's bytes.
    /// - Returns: the number, or nil.
    @inlinable @inline(__always)
    public static func value(_ bytes: UnsafeRawBufferPointer) -> Double? {
        // printf's %f, inline in the caller's loop; every other shape in one call.
        if bytes.count == 8, let value = printfDefault(UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))) {
            return value
        }
        return otherValue(bytes)
    }

    /// Any shape but printf's %f: the plain fast path, else the general reading.
    @usableFromInline
    static func otherValue(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let plain = plainValue(bytes) { return plain }
        return anyValue(bytes)
    }

    // MARK: Private

    /// Any decimal, read digit by digit; correctly rounded through `Double(String)` beyond the
    /// fast path.
    private static func anyValue(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var index = 0
        var end = bytes.count
        while index < end && bytes[index] == 0x20 { index += 1 }
        while end > index && bytes[end - 1] == 0x20 { end -= 1 }
        let start = index
        var negative = false
        if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significantDigits = 0
        var exponent = 0
        while index < end, case let digit = bytes[index] &- 0x30, digit < 10 {
            accumulate(digit, into: &mantissa, significantDigits: &significantDigits)
            digits += 1
            index += 1
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, case let digit = bytes[index] &- 0x30, digit < 10 {
                accumulate(digit, into: &mantissa, significantDigits: &significantDigits)
                if significantDigits <= 19 { exponent -= 1 }
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < end && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < end, case let digit = bytes[index] &- 0x30, digit < 10 {
                written = min(written * 10 + Int(digit), 100_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == end else { return nil }
        if significantDigits <= 19 && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let magnitude = exponent < 0 ? Double(mantissa) / powersOfTen[-exponent] : Double(mantissa) * powersOfTen[exponent]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The value of the most common shape, digits with an optional fraction (`0.067022`, `3`,
    /// `12.5`) and at most 19 digits in all, in one pass; nil for anything else (which the
    /// general reading then takes).
    @inline(__always)
    private static func plainValue(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let end = base + bytes.count
        var position = base
        var mantissa: UInt64 = 0
        while position < end {
            let digit = position.pointee &- 0x30
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            position += 1
        }
        let integerDigits = position - base
        var fractionDigits = 0
        if position < end && position.pointee == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            // Four digits at a time while four are left (probabilities have 6 or more decimals).
            while end - position >= 4 {
                let word = UInt32(littleEndian: UnsafeRawPointer(position).loadUnaligned(as: UInt32.self))
                guard let fourDigits = Self.fourDigits(word) else { break }
                mantissa = mantissa &* 10_000 &+ UInt64(fourDigits)
                position += 4
            }
            while position < end {
                let digit = position.pointee &- 0x30
                guard digit < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                position += 1
            }
            fractionDigits = position - fractionStart
        }
        let allDigits = integerDigits + fractionDigits
        guard position == end, allDigits > 0, allDigits <= 19, mantissa <= 1 << 53 else { return nil }
        return fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / exactPowerOfTen(fractionDigits)
    }

    /// The value of `d.dddddd` — printf's `%f`, the most common way probabilities are written —
    /// from its 8 bytes (the first in the lowest byte of `word`) at once; nil for other text.
    @inlinable @inline(__always)
    static func printfDefault(_ word: UInt64) -> Double? {
        guard (word >> 8) & 0xFF == UInt64(UInt8(ascii: ".")) else { return nil }
        // The point read as a 0: eight digits d0 0 d2…d7, whose value is d0·10⁷ + d2…d7.
        let digits = word & ~0xFF00 | 0x3000
        guard digits & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
            (digits &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
        else { return nil }
        var value = digits &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value >> 8)  // even bytes: pairs of digits
        value = ((value & 0x00FF_00FF_00FF_00FF) &* (1 &+ (100 << 16))) >> 16  // even 16-bit words: 4 digits
        value = ((value & 0x0000_FFFF_0000_FFFF) &* (1 &+ (10_000 << 32))) >> 32  // low 32 bits: 8 digits
        let eightDigits = value & 0xFFFF_FFFF
        let first = eightDigits / 10_000_000
        return Double(eightDigits - first * 9_000_000) / 1e6
    }

    /// The value of four ASCII digits, the first in the lowest byte of `word`; nil unless all
    /// four bytes are digits. (Each byte's high nibble must be 3 and its low nibble, plus 6, stay
    /// below 16; then pairs and the two pairs are combined by two multiplications.)
    @inline(__always)
    private static func fourDigits(_ word: UInt32) -> UInt32? {
        guard word & 0xF0F0_F0F0 == 0x3030_3030, (word &+ 0x0606_0606) & 0xF0F0_F0F0 == 0x3030_3030 else { return nil }
        var value = word &- 0x3030_3030
        value = value &* 10 &+ (value >> 8)  // bytes 0 and 2: the pairs d0d1 and d2d3
        value = ((value & 0x00FF_00FF) &* (1 &+ (100 << 16))) >> 16
        return value & 0xFFFF
    }

    /// Adds a digit to the mantissa while it holds at most 19 significant digits (leading zeros
    /// are not significant); past that the slow path reads the text.
    @inline(__always)
    private static func accumulate(_ digit: UInt8, into mantissa: inout UInt64, significantDigits: inout Int) {
        if mantissa == 0 && digit == 0 { return }
        significantDigits += 1
        if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(digit) }
    }

    /// 10^exponent for 1 ≤ exponent ≤ 19, as a literal (no lazily made table on the hot path).
    @inline(__always)
    private static func exactPowerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        default: return 1e19
        }
    }

    /// 10^0 … 10^22: every one exact in a Double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
