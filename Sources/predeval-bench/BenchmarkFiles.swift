#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The benchmark's input files, written from a fixed seed so that every run reads the same bytes.
enum BenchmarkFile: String, CaseIterable {
    /// 5,000,000 rows, 20 classes, `id,actual,predicted`, 80 % of predictions right: ~129 MB.
    case singleLabel = "single-5m-20.csv"
    /// 1,000,000 rows, `id,actual,predicted`, 12 tags, sets joined by `|`: ~32 MB.
    case multiLabel = "multi-1m-12.csv"
    /// 5,000,000 rows, 10,000 classes: ~149 MB.
    case manyClasses = "single-5m-10000.csv"
    /// 5,000,000 rows, `id,actual,p_class_00,…,p_class_19`: probabilities with 6 decimals that
    /// sum to exactly 1, the highest on the actual class in 80 % of rows: ~1 GB.
    case scores = "scores-5m-20.csv"
    /// 50,000,000 rows drawn like the single-label file's (~1.3 GB): memory must stay flat.
    case tenfold = "single-50m-20.csv"

    /// Whether the file's cells are label sets.
    var isMultiLabel: Bool { self == .multiLabel }

    /// How many data rows the file has.
    var rows: Int {
        switch self {
        case .singleLabel, .manyClasses, .scores: return 5_000_000
        case .multiLabel: return 1_000_000
        case .tenfold: return 50_000_000
        }
    }

    /// Writes the file into `directory` unless it is there already; returns its path.
    func generate(in directory: String) -> String {
        let path = directory + "/" + rawValue
        if access(path, F_OK) == 0 { return path }
        var random = SplitMix64(seed: 20_261_122)
        var writer = BufferedWriter(path: path + ".partial")
        switch self {
        case .singleLabel, .tenfold:
            writer.write("id,actual,predicted\n")
            writeSingleLabelRows(classes: 20, digits: 2, to: &writer, random: &random)
        case .manyClasses:
            writer.write("id,actual,predicted\n")
            writeSingleLabelRows(classes: 10_000, digits: 4, to: &writer, random: &random)
        case .scores:
            writeScoreRows(classes: 20, to: &writer, random: &random)
        case .multiLabel:
            writer.write("id,actual,predicted\n")
            for row in 0..<rows {
                var actual: [Int] = []
                var predicted: [Int] = []
                for tag in 0..<12 {
                    let isActual = random.chance(0.2)
                    if isActual { actual.append(tag) }
                    if isActual ? random.chance(0.85) : random.chance(0.04) { predicted.append(tag) }
                }
                writer.write("\(row),\(actual.map { "tag\($0)" }.joined(separator: "|")),")
                writer.write(predicted.map { "tag\($0)" }.joined(separator: "|") + "\n")
            }
        }
        writer.close()
        rename(path + ".partial", path)
        return path
    }

    /// Rows of probabilities in millionths: the top class (the actual one 80 % of the time) gets
    /// 40–90 %, the rest is dealt out at random to the others; written as `0.dddddd`.
    private func writeScoreRows(classes: Int, to writer: inout BufferedWriter, random: inout SplitMix64) {
        let names = (0..<classes).map { "class_" + ($0 < 10 ? "0" : "") + String($0) }
        writer.write("id,actual," + names.map { "p_" + $0 }.joined(separator: ",") + "\n")
        var shares = Array(repeating: 0, count: classes)
        for row in 0..<rows {
            let actual = random.below(classes)
            let top = random.chance(0.8) ? actual : random.below(classes)
            var left = 1_000_000 - (400_000 + random.below(500_001))
            shares[top] = 1_000_000 - left
            for index in 0..<classes where index != top {
                let share = index == (top == classes - 1 ? classes - 2 : classes - 1) ? left : random.below(left / 4 + 1)
                shares[index] = share
                left -= share
            }
            var line = "\(row),\(names[actual])"
            for share in shares {
                let digits = String(share)
                line += share == 1_000_000 ? ",1.000000" : ",0." + String(repeating: "0", count: 6 - digits.count) + digits
            }
            writer.write(line + "\n")
        }
    }

    private func writeSingleLabelRows(classes: Int, digits: Int, to writer: inout BufferedWriter, random: inout SplitMix64) {
        let names = (0..<classes).map { index -> String in
            let number = String(index)
            return "class_" + String(repeating: "0", count: max(0, digits - number.count)) + number
        }
        for row in 0..<rows {
            let actual = random.below(classes)
            let predicted = random.chance(0.8) ? actual : random.below(classes)
            writer.write("\(row),\(names[actual]),\(names[predicted])\n")
        }
    }
}

/// SplitMix64: a small, fast generator whose output depends only on its seed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < probability }
}

/// Appends text to a file through a 1 MiB buffer.
struct BufferedWriter {
    private let file: UnsafeMutablePointer<FILE>

    init(path: String) {
        guard let opened = fopen(path, "w") else { fatalError("cannot write \(path)") }
        file = opened
        setvbuf(file, nil, _IOFBF, 1 << 20)
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    func close() {
        guard fclose(file) == 0 else { fatalError("writing failed") }
    }
}
