/// Puts bootstrap intervals on a report's ranking figures — each class's ROC-AUC and average
/// precision, and their averages (or a binary score's two) — from the score histograms of the
/// replicates (`RankingReplicates`): each replicate's figures computed as the point estimate's
/// are, their (1 − L)/2 and (1 + L)/2 quantiles taken (design §6); `null` where the point
/// estimate is undefined.
///
/// When the replicate histograms were binned (past their memory limit), each interval is the
/// quantiles of the binned replicates' figures moved by what binning moves the point estimate
/// (the exact figure − the figure of the point's histograms binned alike), then kept in [0, 1]:
/// binning shifts a figure (most, average precision) much more than it changes its spread.
public enum RankingIntervals {
    /// The JSON names of a class's ranking figures, in the order `ci` lists them.
    public static let classFigures = ["roc_auc", "average_precision"]
    /// The JSON names of a binary score's figures.
    public static let binaryFigures = classFigures
    /// The JSON names of the averages.
    public static let averages = ["macro", "weighted", "micro", "samples"]

    /// Sets the intervals of `report`'s ranking figures at `level`.
    ///
    /// - Parameters:
    ///   - replicates: the replicates' histograms.
    ///   - point: the point estimate's counts (what `report`'s figures come from).
    ///   - builder: how the columns stand to the report's classes.
    ///   - report: a report whose ranking `builder` applied from `point`.
    ///   - level: the intervals' level.
    public static func attach(
        _ replicates: RankingReplicates, point: RankingCounts, builder: RankingReportBuilder, to report: inout Report, level: Double
    ) {
        let slots = slots(builder, report)
        let pointEntries = point.histograms.map(\.descending)
        var shifts = Array(repeating: 0.0, count: slots.count)
        let exact = builder.figures(of: pointEntries, samples: point.samples)
        if let bits = replicates.bits {
            report.warnings.append(
                "the replicates' score histograms outgrew their memory (--max-score-memory): ranking intervals come from bins "
                    + "keeping \(bits) bits of each score (of 1 - score above 0.5), moved by what those bins move the figures")
            let binned = builder.figures(of: pointEntries.map { RelativeScoreBins.binned($0, bits: bits) }, samples: point.samples)
            for (index, slot) in slots.enumerated() {
                if let exactValue = slot.value(exact), let binnedValue = slot.value(binned) { shifts[index] = exactValue - binnedValue }
            }
        }
        var values = Array(repeating: [Double](), count: slots.count)
        let order = replicates.descendingOrder
        for b in 0..<replicates.replicates {
            let figures = builder.figures(of: replicates.entries(replicate: b, order: order), samples: replicates.samples(replicate: b))
            for (index, slot) in slots.enumerated() { values[index].append(slot.value(figures) ?? .nan) }
        }
        for (index, slot) in slots.enumerated() {
            // A figure the point estimate leaves undefined has no interval.
            guard slot.value(exact) != nil else {
                slot.store(&report, nil)
                continue
            }
            let interval = Interval.percentile(values[index], level: level).map {
                Interval(low: min(max($0.low + shifts[index], 0), 1), high: min(max($0.high + shifts[index], 0), 1))
            }
            slot.store(&report, interval)
        }
    }

    // MARK: Private

    /// One figure: how to read it off a replicate's figures, and where its interval goes.
    private struct Slot {
        let value: (RankingReportBuilder.Figures) -> Double?
        let store: (inout Report, Interval?) -> Void
    }

    /// Every ranking figure of `report` that gets an interval.
    private static func slots(_ builder: RankingReportBuilder, _ report: Report) -> [Slot] {
        var slots: [Slot] = []
        for (column, label) in builder.columnLabels.enumerated() {
            guard let label, let index = report.classes.firstIndex(where: { $0.label == label }) else { continue }
            let figures: [(String, (RankingReportBuilder.Figures) -> Double?)] = [
                ("roc_auc", { $0.rocAUC[column] }), ("average_precision", { $0.averagePrecision[column] }),
            ]
            for (name, value) in figures {
                slots.append(Slot(value: value, store: { report, interval in report.classes[index].ci[name, default: [:]] = interval }))
            }
        }
        switch report.ranking {
        case nil:
            break
        case .binary?:
            for name in binaryFigures {
                slots.append(
                    Slot(
                        value: {
                            guard case .binary(let rocAUC, let averagePrecision, _) = $0.ranking else { return nil }
                            return name == "roc_auc" ? rocAUC : averagePrecision
                        },
                        store: { report, interval in
                            guard case .binary(let rocAUC, let averagePrecision, let ci) = report.ranking else { return }
                            var intervals = ci ?? [:]
                            intervals[name] = interval
                            report.ranking = .binary(rocAUC: rocAUC, averagePrecision: averagePrecision, ci: intervals)
                        }))
            }
        case .averaged(let rocAUC, _)?:
            let names = rocAUC.samples == nil ? Array(averages.prefix(3)) : averages
            for isROC in [true, false] {
                for name in names {
                    slots.append(
                        Slot(
                            value: {
                                guard case .averaged(let rocAUC, let averagePrecision) = $0.ranking else { return nil }
                                return (isROC ? rocAUC : averagePrecision).value(named: name)
                            },
                            store: { report, interval in
                                guard case .averaged(var rocAUC, var averagePrecision) = report.ranking else { return }
                                if isROC { rocAUC.ci[name, default: [:]] = interval } else { averagePrecision.ci[name, default: [:]] = interval }
                                report.ranking = .averaged(rocAUC: rocAUC, averagePrecision: averagePrecision)
                            }))
                }
            }
        }
        return slots
    }
}

extension RankingAverages {
    /// The average of JSON name `name`.
    fileprivate func value(named name: String) -> Double? {
        switch name {
        case "macro": macro
        case "weighted": weighted
        case "micro": micro
        default: samples ?? nil
        }
    }
}

extension Optional where Wrapped == [String: Interval?] {
    /// The interval named `name`, the dictionary made when absent.
    fileprivate subscript(name: String, default empty: [String: Interval?]) -> Interval? {
        get { self?[name] ?? nil }
        set {
            var intervals = self ?? empty
            intervals[name] = .some(newValue)
            self = intervals
        }
    }
}
