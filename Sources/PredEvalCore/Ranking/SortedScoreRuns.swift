/// Exact scores with their positive and negative rows, kept as a few sorted runs instead of a
/// hash table: scores are gathered in a buffer, radix-sorted there in cache, counted into a run,
/// and runs of like size merged (each score once, its counts added). Every step reads memory in
/// order, where a table takes a cache miss for nearly every score of a file of many distinct
/// ones. Runs shrink as they merge; their sizes fall by at least half down the stack, so they
/// hold at most about twice the distinct scores.
struct SortedScoreRuns: Sendable {
    /// A run: distinct keys, ascending, and each key's rows.
    struct Run: Sendable {
        var keys: [UInt64] = []
        var positives: [Int] = []
        var negatives: [Int] = []
    }

    /// Scores not yet sorted, as keys: of positive rows and of negative rows.
    private var pendingPositive: [UInt64] = []
    private var pendingNegative: [UInt64] = []
    /// The runs, largest first.
    private var runs: [Run] = []

    /// Scores gathered before they are sorted into a run.
    static let batch = 1 << 14

    /// Bytes held.
    var memoryBytes: Int {
        (pendingPositive.capacity + pendingNegative.capacity) * 8 + runs.reduce(0) { $0 + $1.keys.count * 24 }
    }

    /// Counts a row's score.
    @inline(__always)
    mutating func add(_ score: Double, isPositive: Bool) {
        if isPositive { pendingPositive.append(Self.key(score)) } else { pendingNegative.append(Self.key(score)) }
        if pendingPositive.count + pendingNegative.count >= Self.batch { flush() }
    }

    /// Counts `count` rows' scores, read `stride` apart, with whether each row is a positive.
    mutating func add(_ scores: UnsafePointer<Double>, isPositive: UnsafePointer<Bool>, stride: Int, count: Int) {
        var row = 0
        while row < count {
            let end = min(count, row + Self.batch - pendingPositive.count - pendingNegative.count)
            while row < end {
                let key = Self.key(scores[row * stride])
                if isPositive[row * stride] { pendingPositive.append(key) } else { pendingNegative.append(key) }
                row += 1
            }
            if pendingPositive.count + pendingNegative.count >= Self.batch { flush() }
        }
    }

    /// Counts `positives` and `negatives` rows at `score`.
    mutating func add(_ score: Double, positives: Int, negatives: Int) {
        push(Run(keys: [Self.key(score)], positives: [positives], negatives: [negatives]))
    }

    /// No scores.
    init() {}

    /// Runs of `entries`, distinct finite scores in ascending order with counts of at least 0
    /// (not both 0); nil when they are not (a corrupt state).
    init?(ascending entries: [ScoreHistogram.Entry]) {
        var run = Run()
        for entry in entries {
            guard entry.score.isFinite, entry.positives >= 0, entry.negatives >= 0, entry.positives | entry.negatives != 0 else { return nil }
            let key = Self.key(entry.score)
            if let last = run.keys.last, key <= last { return nil }
            run.keys.append(key)
            run.positives.append(entry.positives)
            run.negatives.append(entry.negatives)
        }
        if !run.keys.isEmpty { runs = [run] }
    }

    /// Adds every score of `other`.
    mutating func merge(_ other: SortedScoreRuns) {
        var other = other
        other.flush()
        for run in other.runs { push(run) }
    }

    /// Every distinct score and its rows, lowest first.
    var ascending: [ScoreHistogram.Entry] {
        var all = self
        all.flush()
        var merged = Run()
        for run in all.runs { merged = Self.merged(merged, run) }
        return merged.keys.indices.map {
            ScoreHistogram.Entry(score: Self.score(merged.keys[$0]), positives: merged.positives[$0], negatives: merged.negatives[$0])
        }
    }

    // MARK: Private

    /// Sorts the buffered scores into a run and pushes it.
    private mutating func flush() {
        guard !pendingPositive.isEmpty || !pendingNegative.isEmpty else { return }
        let positive = Self.counted(Self.sorted(pendingPositive), asPositives: true)
        let negative = Self.counted(Self.sorted(pendingNegative), asPositives: false)
        pendingPositive.removeAll(keepingCapacity: true)
        pendingNegative.removeAll(keepingCapacity: true)
        push(Self.merged(positive, negative))
    }

    /// Puts a run on the stack, merging the top two while the lower is not twice the upper.
    private mutating func push(_ run: Run) {
        runs.append(run)
        while runs.count >= 2 && runs[runs.count - 2].keys.count <= 2 * runs[runs.count - 1].keys.count {
            let top = runs.removeLast()
            runs[runs.count - 1] = Self.merged(runs[runs.count - 1], top)
        }
    }

    /// Two runs as one, a key in both once with its counts added.
    private static func merged(_ first: Run, _ second: Run) -> Run {
        guard !first.keys.isEmpty else { return second }
        guard !second.keys.isEmpty else { return first }
        let capacity = first.keys.count + second.keys.count
        var length = 0
        var run = Run()
        run.keys = [UInt64](unsafeUninitializedCapacity: capacity) { keys, keysCount in
            run.positives = [Int](unsafeUninitializedCapacity: capacity) { positives, positivesCount in
                run.negatives = [Int](unsafeUninitializedCapacity: capacity) { negatives, negativesCount in
                    first.keys.withUnsafeBufferPointer { firstKeys in
                        second.keys.withUnsafeBufferPointer { secondKeys in
                            first.positives.withUnsafeBufferPointer { firstPositives in
                                second.positives.withUnsafeBufferPointer { secondPositives in
                                    first.negatives.withUnsafeBufferPointer { firstNegatives in
                                        second.negatives.withUnsafeBufferPointer { secondNegatives in
                                            var (i, j) = (0, 0)
                                            while i < firstKeys.count && j < secondKeys.count {
                                                let (a, b) = (firstKeys[i], secondKeys[j])
                                                keys[length] = a < b ? a : b
                                                positives[length] = (a <= b ? firstPositives[i] : 0) + (b <= a ? secondPositives[j] : 0)
                                                negatives[length] = (a <= b ? firstNegatives[i] : 0) + (b <= a ? secondNegatives[j] : 0)
                                                length += 1
                                                if a <= b { i += 1 }
                                                if b <= a { j += 1 }
                                            }
                                            for rest in i..<firstKeys.count {
                                                (keys[length], positives[length], negatives[length]) = (firstKeys[rest], firstPositives[rest], firstNegatives[rest])
                                                length += 1
                                            }
                                            for rest in j..<secondKeys.count {
                                                (keys[length], positives[length], negatives[length]) = (secondKeys[rest], secondPositives[rest], secondNegatives[rest])
                                                length += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    negativesCount = length
                }
                positivesCount = length
            }
            keysCount = length
        }
        return run
    }

    /// Sorted keys as a run, each key once with how many times it occurs, counted as positive or
    /// as negative rows.
    private static func counted(_ sorted: [UInt64], asPositives: Bool) -> Run {
        var run = Run()
        var length = 0
        run.keys = [UInt64](unsafeUninitializedCapacity: sorted.count) { keys, keysCount in
            run.positives = [Int](unsafeUninitializedCapacity: sorted.count) { counts, countsCount in
                sorted.withUnsafeBufferPointer { sorted in
                    for key in sorted {
                        if length > 0 && keys[length - 1] == key {
                            counts[length - 1] += 1
                        } else {
                            keys[length] = key
                            counts[length] = 1
                            length += 1
                        }
                    }
                }
                countsCount = length
            }
            keysCount = length
        }
        run.negatives = [Int](repeating: 0, count: length)
        if !asPositives { swap(&run.positives, &run.negatives) }
        return run
    }

    /// The keys in ascending order: a least-significant-digit radix sort, 11 bits a pass, every
    /// pass's digits counted in one read of the keys, and the passes whose digit every key shares
    /// skipped (a column of probabilities shares its top bits).
    private static func sorted(_ keys: [UInt64]) -> [UInt64] {
        guard keys.count > 1 else { return keys }
        let passes = 6
        var counts = [UInt32](repeating: 0, count: passes * 2048)
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeBufferPointer { keys in
                for key in keys {
                    for pass in 0..<passes { counts[pass &* 2048 &+ Int(truncatingIfNeeded: key &>> UInt64(pass &* 11)) & 2047] &+= 1 }
                }
            }
        }
        var source = keys
        var target = [UInt64](repeating: 0, count: keys.count)
        for pass in 0..<passes {
            let shift = UInt64(pass * 11)
            let sharesDigit = counts.withUnsafeMutableBufferPointer { counts -> Bool in
                let digits = UnsafeMutableBufferPointer(rebasing: counts[pass * 2048..<(pass + 1) * 2048])
                // Every key has this digit: the order stands.
                if digits[Int(truncatingIfNeeded: source[0] >> shift) & 2047] == UInt32(source.count) { return true }
                var start: UInt32 = 0
                for index in 0..<2048 {
                    let count = digits[index]
                    digits[index] = start
                    start &+= count
                }
                source.withUnsafeBufferPointer { source in
                    target.withUnsafeMutableBufferPointer { target in
                        for key in source {
                            let digit = Int(truncatingIfNeeded: key >> shift) & 2047
                            target[Int(digits[digit])] = key
                            digits[digit] &+= 1
                        }
                    }
                }
                return false
            }
            if !sharesDigit { swap(&source, &target) }
        }
        return source
    }

    /// A key that orders as the score does (−0 as 0).
    @inline(__always)
    private static func key(_ score: Double) -> UInt64 {
        let bits = (score == 0 ? 0.0 : score).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    /// The score of a key.
    private static func score(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }
}
