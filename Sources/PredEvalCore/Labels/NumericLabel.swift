/// A label read as the number it spells: `0`, `0.0`, `0e0` and `-0` are one label, shown in
/// the shortest form that reads back to the same number (`0`, `2.5`, `1e-05`).
public enum NumericLabel {
    /// The value of `bytes` when they spell a finite decimal number (surrounding spaces allowed),
    /// as `DecimalText` reads it; nil for anything else.
    ///
    /// - Parameter bytes: a label's bytes.
    /// - Returns: the number, or nil.
    public static func value(_ bytes: UnsafeRawBufferPointer) -> Double? {
        DecimalText.value(bytes)
    }

    /// The value of `label` when it spells a finite decimal number.
    ///
    /// - Parameter label: a label.
    /// - Returns: the number, or nil.
    public static func value(_ label: some Collection<UInt8>) -> Double? {
        var bytes = Array(label)
        return bytes.withUnsafeMutableBytes { value(UnsafeRawBufferPointer($0)) }
    }

    /// The shortest text of `value`: an integer without a point (`3`, `-12`, `0` for `-0`), else
    /// the shortest decimal that reads back to `value` (`2.5`, `1e-05`).
    ///
    /// - Parameter value: a finite number.
    /// - Returns: its text.
    public static func text(of value: Double) -> String {
        if value == 0 { return "0" }
        if value.rounded() == value && value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
