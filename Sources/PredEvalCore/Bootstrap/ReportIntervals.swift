/// Puts the bootstrap intervals of every metric into a report, from the reports of its
/// replicates (each over the same classes, in the same order): per class and per average its
/// scores, accuracy, and the statistics. Replicates are looked at one at a time; what is kept is
/// one value per metric and replicate.
public enum ReportIntervals {
    /// Sets the intervals of `report` at `summary.level` from its replicates.
    ///
    /// - Parameters:
    ///   - report: the point estimate.
    ///   - summary: how the replicates were drawn (their number among it).
    ///   - replicate: the report of replicate `b`, built over `report`'s classes.
    public static func attach(to report: inout Report, summary: BootstrapSummary, replicate: (Int) -> Report) {
        let slots = self.slots(of: &report)
        var values = Array(repeating: [Double](), count: slots.count)
        for index in values.indices { values[index].reserveCapacity(summary.replicates) }
        for b in 0..<summary.replicates {
            let replicateReport = replicate(b)
            for (index, slot) in slots.enumerated() { values[index].append(slot.value(replicateReport) ?? .nan) }
        }
        for (index, slot) in slots.enumerated() {
            slot.store(&report, Interval.percentile(values[index], level: summary.level))
        }
        report.bootstrap = summary
    }

    /// The scores of a class that get an interval, by JSON name, in the order JSON lists them.
    static func classScores(withFbeta: Bool) -> [(String, (ClassReport) -> Double?)] {
        var scores: [(String, (ClassReport) -> Double?)] = [("precision", \.precision), ("recall", \.recall), ("f1", \.f1)]
        if withFbeta { scores.append(("fbeta", \.fbeta)) }
        return scores + [("specificity", \.specificity), ("npv", \.npv), ("jaccard", \.jaccard)]
    }

    /// The scores of an average that get an interval, by JSON name, in the order JSON lists them.
    static func averageScores(withFbeta: Bool) -> [(String, (AverageReport) -> Double?)] {
        let scores: [(String, (AverageReport) -> Double?)] = [("precision", \.precision), ("recall", \.recall), ("f1", \.f1)]
        return withFbeta ? scores + [("fbeta", \.fbeta)] : scores
    }

    // MARK: Private

    /// One metric of a report: how to read it off a replicate, and where its interval goes.
    private struct Slot {
        let value: (Report) -> Double?
        let store: (inout Report, Interval?) -> Void
    }

    /// Every metric of `report` that gets an interval, its `ci` objects made empty to take them.
    private static func slots(of report: inout Report) -> [Slot] {
        var slots: [Slot] = []
        let withFbeta = report.beta != nil
        for index in report.classes.indices {
            report.classes[index].ci = [:]
            for (name, value) in classScores(withFbeta: withFbeta) {
                slots.append(Slot(value: { value($0.classes[index]) }, store: { $0.classes[index].ci![name] = $1 }))
            }
        }
        let averages: [WritableKeyPath<Averages, AverageReport?>] = [
            \.micro.optional, \.macro.optional, \.weighted.optional, \.samples, \.binary,
        ]
        for average in averages where report.averages[keyPath: average] != nil {
            report.averages[keyPath: average]!.ci = [:]
            for (name, value) in averageScores(withFbeta: withFbeta) {
                slots.append(
                    Slot(
                        value: { $0.averages[keyPath: average].flatMap(value) },
                        store: { $0.averages[keyPath: average]!.ci![name] = $1 }))
            }
        }
        slots.append(Slot(value: \.accuracy, store: { $0.accuracyCI = .some($1) }))
        guard report.statistics != nil else { return slots }
        report.statistics!.ci = [:]
        if report.statistics!.jaccard != nil {
            report.statistics!.jaccard!.ci = [:]
            slots.append(Slot(value: { $0.statistics?.hammingLoss }, store: { $0.statistics!.ci!["hamming_loss"] = $1 }))
            let jaccard: [(String, (JaccardAverages) -> Double?)] = [
                ("micro", \.micro), ("macro", \.macro), ("weighted", \.weighted), ("samples", \.samples),
            ]
            for (name, value) in jaccard {
                slots.append(
                    Slot(value: { $0.statistics?.jaccard.flatMap(value) }, store: { $0.statistics!.jaccard!.ci![name] = $1 }))
            }
        } else {
            let statistics: [(String, (Statistics) -> Double?)] = [
                ("balanced_accuracy", \.balancedAccuracy), ("mcc", \.mcc), ("cohen_kappa", \.cohenKappa),
            ]
            for (name, value) in statistics {
                slots.append(Slot(value: { $0.statistics.flatMap(value) }, store: { $0.statistics!.ci![name] = $1 }))
            }
        }
        return slots
    }
}

extension AverageReport {
    /// The average as an optional, so that the three averages every report has and the two it
    /// may have are reached alike.
    fileprivate var optional: AverageReport? {
        get { self }
        set { if let newValue { self = newValue } }
    }
}
