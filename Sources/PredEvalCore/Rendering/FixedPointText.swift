/// A double written with a fixed number of decimals, exactly as C's `printf("%.*f")` writes it:
/// the exact binary value rounded half to even. (Pure Swift, so that rendering needs neither
/// Foundation nor the C library.)
enum FixedPointText {
    /// `value` with `digits` decimals (0 to 17): `0.6667`, `-0.0000`, `nan`, `inf`.
    static func format(_ value: Double, digits: Int) -> String {
        precondition((0...17).contains(digits), "digits must be 0 to 17")
        if value.isNaN { return value.sign == .minus ? "-nan" : "nan" }
        let sign = value.sign == .minus ? "-" : ""
        if value.isInfinite { return sign + "inf" }
        let magnitude = value.magnitude
        let whole = magnitude.rounded(.towardZero)
        let fraction = magnitude - whole  // exact: both share the binary point of magnitude
        var integerDigits = decimalDigits(ofWhole: whole)
        // A tie rounds to the even last digit: the fraction's, or with no decimals the whole part's.
        let wholeIsOdd = integerDigits.last! & 1 == 1
        var fractionDigits = roundedFraction(fraction, digits: digits, wholeIsOdd: wholeIsOdd)
        if fractionDigits == power10(digits) {
            fractionDigits = 0
            increment(&integerDigits)
        }
        var text = sign + String(decoding: integerDigits, as: UTF8.self)
        if digits > 0 {
            let decimals = String(fractionDigits)
            text += "." + String(repeating: "0", count: digits - decimals.count) + decimals
        }
        return text
    }

    /// `fraction` (in [0, 1)) times 10^digits, rounded half to even on its exact value; a
    /// result of 10^digits carries into the whole part, whose parity decides a tie when there
    /// are no decimals.
    private static func roundedFraction(_ fraction: Double, digits: Int, wholeIsOdd: Bool) -> UInt128 {
        guard fraction > 0 else { return 0 }
        // fraction = significand · 2^-shift exactly, significand < 2^53.
        let exponent = Int(fraction.exponent) - Double.significandBitCount
        let significand = UInt128(fraction.significandBitPattern | (fraction.isNormal ? 1 << 52 : 0))
        let shift = -(fraction.isNormal ? exponent : Int(Double.leastNormalMagnitude.exponent) - 52)
        let scaled = significand * power10(digits)  // < 2^53 · 10^17 < 2^110
        guard shift < 120 else { return 0 }  // below 2^-66 · 10^17: rounds to zero
        let quotient = scaled >> shift
        let remainder = scaled - (quotient << shift)
        let half = UInt128(1) << (shift - 1)
        let lastIsOdd = digits == 0 ? wholeIsOdd : quotient & 1 == 1
        if remainder > half || (remainder == half && lastIsOdd) { return quotient + 1 }
        return quotient
    }

    /// The decimal digits (ASCII) of a whole, non-negative double.
    private static func decimalDigits(ofWhole whole: Double) -> [UInt8] {
        if whole < 0x1p64 { return Array(String(UInt64(whole)).utf8) }
        // A double this large is significand · 2^k: double a decimal number k times.
        var digits = Array(String(UInt64(whole.significandBitPattern | 1 << 52)).utf8)
        for _ in 0..<(Int(whole.exponent) - 52) { double(&digits) }
        return digits
    }

    private static func double(_ digits: inout [UInt8]) {
        var carry: UInt8 = 0
        for index in digits.indices.reversed() {
            let doubled = (digits[index] - 0x30) * 2 + carry
            digits[index] = 0x30 + doubled % 10
            carry = doubled / 10
        }
        if carry > 0 { digits.insert(0x30 + carry, at: 0) }
    }

    private static func increment(_ digits: inout [UInt8]) {
        for index in digits.indices.reversed() {
            if digits[index] == 0x39 {
                digits[index] = 0x30
            } else {
                digits[index] += 1
                return
            }
        }
        digits.insert(0x31, at: 0)
    }

    private static func power10(_ digits: Int) -> UInt128 {
        var power: UInt128 = 1
        for _ in 0..<digits { power *= 10 }
        return power
    }
}
