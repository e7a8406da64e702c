/// Renders a report as the contract's JSON (design §3): keys in a fixed order, numbers at full
/// precision (shortest text that reads back to the same double), `null` for undefined values,
/// one line per class and per matrix row.
public enum JSONReportRenderer {
    /// The report as JSON text ending in a newline.
    ///
    /// - Parameter report: the report.
    /// - Returns: the contract's JSON (what `Report.json()` gives).
    public static func render(_ report: Report) -> String {
        var json = JSONText()
        json.open("{")
        writeMembers(of: report, into: &json)
        json.close("}")
        return json.text + "\n"
    }

    /// Several files' reports as `{"reports": [report, ...]}`, in the order given.
    ///
    /// - Parameter reports: the reports, in order.
    /// - Returns: JSON text ending in a newline.
    public static func render(_ reports: [Report]) -> String {
        var json = JSONText()
        json.open("{")
        json.openMember(ReportsKey.reports, "[")
        for report in reports {
            json.open("{")
            writeMembers(of: report, into: &json)
            json.close("}")
        }
        json.close("]")
        json.close("}")
        return json.text + "\n"
    }

    private enum ReportsKey: String, CodingKey { case reports }

    /// A comparison as `{"comparisons": [...], "bootstrap": {...}}` (design §3 `compare`).
    ///
    /// - Parameter report: the comparison.
    /// - Returns: JSON text ending in a newline.
    public static func render(_ report: ComparisonReport) -> String {
        typealias Key = ModelComparison.CodingKeys
        typealias TestKey = McNemarTest.CodingKeys
        var json = JSONText()
        json.open("{")
        json.openMember(ComparisonReport.CodingKeys.comparisons, "[")
        for comparison in report.comparisons {
            json.element(
                .object([
                    (Key.baseline, .string(comparison.baseline)), (Key.candidate, .string(comparison.candidate)),
                    (Key.metric, .string(comparison.metric)), (Key.baselineValue, .double(comparison.baselineValue)),
                    (Key.candidateValue, .double(comparison.candidateValue)), (Key.difference, .double(comparison.difference)),
                    (Key.differenceCI, intervalValue(comparison.differenceCI)),
                    (
                        Key.mcnemar,
                        .object([
                            (TestKey.b, .int(comparison.mcnemar.b)), (TestKey.c, .int(comparison.mcnemar.c)),
                            (TestKey.pValue, .double(comparison.mcnemar.pValue)),
                        ])
                    ),
                    (Key.pairedRows, .int(comparison.pairedRows)), (Key.lowerIsBetter, .bool(comparison.lowerIsBetter)),
                ]))
        }
        json.close("]")
        json.member(ComparisonReport.CodingKeys.bootstrap, bootstrapObject(report.bootstrap))
        json.close("}")
        return json.text + "\n"
    }

    private static func writeMembers(of report: Report, into json: inout JSONText) {
        typealias Key = Report.CodingKeys
        json.member(Key.file, .string(report.file))
        json.member(Key.mode, .string(report.mode.rawValue))
        json.member(Key.rows, .int(report.rows))
        json.member(Key.skippedRows, .int(report.skippedRows))
        json.member(Key.missingPredictions, .int(report.missingPredictions))
        if let dialect = report.dialect {
            json.member(Key.dialect, .object([(ReportDialect.CodingKeys.delimiter, .string(dialect.delimiter))]))
        }
        json.member(Key.labels, .array(report.labels.map(JSONText.Value.string)))
        json.openMember(Key.classes, "[")
        for entry in report.classes {
            json.element(classObject(entry, withFbeta: report.beta != nil, withRanking: report.ranking != nil))
        }
        json.close("]")
        json.openMember(Key.averages, "{")
        let withFbeta = report.beta != nil
        json.member(Averages.CodingKeys.micro, averageObject(report.averages.micro, withFbeta: withFbeta))
        json.member(Averages.CodingKeys.macro, averageObject(report.averages.macro, withFbeta: withFbeta))
        json.member(Averages.CodingKeys.weighted, averageObject(report.averages.weighted, withFbeta: withFbeta))
        if let samples = report.averages.samples {
            json.member(Averages.CodingKeys.samples, averageObject(samples, withFbeta: withFbeta))
        }
        if let binary = report.averages.binary {
            json.member(Averages.CodingKeys.binary, averageObject(binary, withFbeta: withFbeta))
        }
        json.close("}")
        json.member(Key.accuracy, .double(report.accuracy))
        if let accuracyCI = report.accuracyCI { json.member(Key.accuracyCI, intervalValue(accuracyCI)) }
        if let beta = report.beta { json.member(Key.beta, .double(beta)) }
        if let statistics = report.statistics { json.member(Key.statistics, statisticsObject(statistics)) }
        if let histogram = report.rowJaccardHistogram {
            json.member(Key.rowJaccardHistogram, .array(histogram.map(JSONText.Value.int)))
        }
        if let bootstrap = report.bootstrap { json.member(Key.bootstrap, bootstrapObject(bootstrap)) }
        if let topK = report.topKAccuracy {
            json.member(
                Key.topKAccuracy,
                .object(
                    [(TopKAccuracy.CodingKeys.k, .int(topK.k)), (TopKAccuracy.CodingKeys.value, .double(topK.value))]
                        + (topK.ci.map { [(TopKAccuracy.CodingKeys.ci, intervalsObject($0, ["value"]))] } ?? [])))
        }
        if let logLoss = report.logLoss { json.member(Key.logLoss, .double(logLoss)) }
        if let logLossCI = report.logLossCI { json.member(Key.logLossCI, intervalValue(logLossCI)) }
        if let ranking = report.ranking { json.member(Key.ranking, rankingObject(ranking)) }
        if let exact = report.rankingExact { json.member(Key.rankingExact, .bool(exact)) }
        if let calibration = report.calibration { json.member(Key.calibration, calibration.map(calibrationObject) ?? .null) }
        if let curves = report.curves { json.member(Key.curves, curvesObject(curves, classes: report.classes)) }
        if let thresholds = report.thresholds {
            json.member(
                Key.thresholds,
                .object(thresholds.map { (JSONText.LabelKey(stringValue: $0.label), .double($0.threshold)) }))
        }
        if report.mode == .singleLabel {
            if let matrix = report.confusionMatrix {
                json.openMember(Key.confusionMatrix, "[")
                for row in matrix { json.element(.array(row.map(JSONText.Value.int))) }
                json.close("]")
            } else {
                json.member(Key.confusionMatrix, .null)
            }
        }
        json.member(Key.warnings, .array(report.warnings.map(JSONText.Value.string)))
        if let audit = report.audit { json.member(Key.audit, auditObject(audit)) }
        if let groups = report.groups {
            json.openMember(Key.groups, "[")
            for group in groups {
                json.open("{")
                json.member(GroupReport.GroupKey.group, .string(group.group))
                writeMembers(of: group.report, into: &json)
                json.close("}")
            }
            json.close("]")
        }
    }

    private static func auditObject(_ audit: JoinAudit) -> JSONText.Value {
        typealias Key = JoinAudit.CodingKeys
        var members: [(any CodingKey, JSONText.Value)] = [
            (Key.matched, .int(audit.matched)), (Key.missing, .int(audit.missing)), (Key.extra, .int(audit.extra)),
            (Key.missingIDs, .array(audit.missingIDs.map(JSONText.Value.string))),
            (Key.extraIDs, .array(audit.extraIDs.map(JSONText.Value.string))),
        ]
        if audit.truthSkippedRows > 0 { members.append((Key.truthSkippedRows, .int(audit.truthSkippedRows))) }
        return .object(members)
    }

    private static func rankingObject(_ ranking: Ranking) -> JSONText.Value {
        typealias Key = Ranking.CodingKeys
        switch ranking {
        case .binary(let rocAUC, let averagePrecision, let ci):
            return .object(
                [(Key.rocAUC, .double(rocAUC)), (Key.averagePrecision, .double(averagePrecision))]
                    + (ci.map { [(Key.ci, intervalsObject($0, RankingIntervals.binaryFigures))] } ?? []))
        case .averaged(let rocAUC, let averagePrecision):
            return .object([(Key.rocAUC, averagesObject(rocAUC)), (Key.averagePrecision, averagesObject(averagePrecision))])
        }
    }

    private static func averagesObject(_ averages: RankingAverages) -> JSONText.Value {
        typealias Key = RankingAverages.CodingKeys
        var members: [(any CodingKey, JSONText.Value)] = [
            (Key.macro, .double(averages.macro)), (Key.weighted, .double(averages.weighted)), (Key.micro, .double(averages.micro)),
        ]
        if let samples = averages.samples { members.append((Key.samples, .double(samples))) }
        if let ci = averages.ci { members.append((Key.ci, intervalsObject(ci, RankingIntervals.averages))) }
        return .object(members)
    }

    private static func calibrationObject(_ calibration: Calibration) -> JSONText.Value {
        typealias Key = Calibration.CodingKeys
        typealias BinKey = CalibrationBin.CodingKeys
        let bins = calibration.bins.map { bin -> JSONText.Value in
            .object([
                (BinKey.low, .double(bin.low)), (BinKey.high, .double(bin.high)), (BinKey.count, .int(bin.count)),
                (BinKey.meanScore, .double(bin.meanScore)), (BinKey.fractionPositive, .double(bin.fractionPositive)),
            ])
        }
        return .object([(Key.brier, .double(calibration.brier)), (Key.ece, .double(calibration.ece)), (Key.bins, .array(bins))])
    }

    private static func curvesObject(_ curves: [String: ClassCurves], classes: [ClassReport]) -> JSONText.Value {
        typealias Key = ClassCurves.CodingKeys
        func points(_ points: [CurvePoint]) -> JSONText.Value {
            .array(points.map { .array([.double($0.x), .double($0.y), .double($0.threshold)]) })
        }
        return .object(
            classes.compactMap { entry in
                curves[entry.label].map {
                    (JSONText.LabelKey(stringValue: entry.label), .object([(Key.roc, points($0.roc)), (Key.pr, points($0.pr))]))
                }
            })
    }

    private static func classObject(_ entry: ClassReport, withFbeta: Bool, withRanking: Bool) -> JSONText.Value {
        typealias Key = ClassReport.CodingKeys
        var members: [(any CodingKey, JSONText.Value)] = [
            (Key.label, .string(entry.label)), (Key.tp, .int(entry.tp)), (Key.fp, .int(entry.fp)),
            (Key.fn, .int(entry.fn)), (Key.tn, .int(entry.tn)), (Key.support, .int(entry.support)),
            (Key.predicted, .int(entry.predicted)), (Key.precision, .double(entry.precision)),
            (Key.recall, .double(entry.recall)), (Key.f1, .double(entry.f1)),
        ]
        if withFbeta { members.append((Key.fbeta, .double(entry.fbeta))) }
        members += [
            (Key.specificity, .double(entry.specificity)), (Key.npv, .double(entry.npv)),
            (Key.jaccard, .double(entry.jaccard)),
        ]
        if withRanking { members += [(Key.rocAUC, .double(entry.rocAUC)), (Key.averagePrecision, .double(entry.averagePrecision))] }
        if let ci = entry.ci {
            let names = ReportIntervals.classScores(withFbeta: withFbeta).map(\.0) + (withRanking ? RankingIntervals.classFigures : [])
            members.append((Key.ci, intervalsObject(ci, names)))
        }
        return .object(members)
    }

    /// Intervals by name, in `order`; `null` for one no replicate defines.
    private static func intervalsObject(_ intervals: [String: Interval?], _ order: [String]) -> JSONText.Value {
        .object(order.compactMap { name in intervals[name].map { (JSONText.LabelKey(stringValue: name), intervalValue($0)) } })
    }

    private static func bootstrapObject(_ bootstrap: BootstrapSummary) -> JSONText.Value {
        typealias Key = BootstrapSummary.CodingKeys
        return .object([
            (Key.replicates, .int(bootstrap.replicates)), (Key.level, .double(bootstrap.level)),
            (Key.seed, .unsigned(bootstrap.seed)), (Key.key, .string(bootstrap.key.rawValue)),
        ])
    }

    private static func intervalValue(_ interval: Interval?) -> JSONText.Value {
        interval.map { .array([.double($0.low), .double($0.high)]) } ?? .null
    }

    private static func averageObject(_ average: AverageReport, withFbeta: Bool) -> JSONText.Value {
        typealias Key = AverageReport.CodingKeys
        var members: [(any CodingKey, JSONText.Value)] = [
            (Key.precision, .double(average.precision)), (Key.recall, .double(average.recall)),
            (Key.f1, .double(average.f1)),
        ]
        if withFbeta { members.append((Key.fbeta, .double(average.fbeta))) }
        members.append((Key.support, .int(average.support)))
        if let ci = average.ci { members.append((Key.ci, intervalsObject(ci, ReportIntervals.averageScores(withFbeta: withFbeta).map(\.0)))) }
        return .object(members)
    }

    private static func statisticsObject(_ statistics: Statistics) -> JSONText.Value {
        typealias Key = Statistics.CodingKeys
        var members: [(any CodingKey, JSONText.Value)] = []
        if let jaccard = statistics.jaccard {
            typealias JaccardKey = JaccardAverages.CodingKeys
            members.append((Key.hammingLoss, .double(statistics.hammingLoss)))
            var jaccardMembers: [(any CodingKey, JSONText.Value)] = [
                (JaccardKey.micro, .double(jaccard.micro)), (JaccardKey.macro, .double(jaccard.macro)),
                (JaccardKey.weighted, .double(jaccard.weighted)), (JaccardKey.samples, .double(jaccard.samples)),
            ]
            if let ci = jaccard.ci { jaccardMembers.append((JaccardKey.ci, intervalsObject(ci, ["micro", "macro", "weighted", "samples"]))) }
            members.append((Key.jaccard, .object(jaccardMembers)))
            if let ci = statistics.ci { members.append((Key.ci, intervalsObject(ci, ["hamming_loss"]))) }
        } else {
            members.append((Key.balancedAccuracy, .double(statistics.balancedAccuracy)))
            members.append((Key.mcc, .double(statistics.mcc)))
            members.append((Key.cohenKappa, .double(statistics.cohenKappa)))
            if let ci = statistics.ci { members.append((Key.ci, intervalsObject(ci, ["balanced_accuracy", "mcc", "cohen_kappa"]))) }
        }
        return .object(members)
    }
}

/// JSON text built member by member: containers opened with `open`, closed with `close`, indented
/// two spaces a level; a `Value` is always written on one line.
struct JSONText {
    /// A value written on one line.
    indirect enum Value {
        case string(String)
        case int(Int)
        case unsigned(UInt64)
        case bool(Bool)
        /// A double, or `null` for nil or a non-finite value.
        case double(Double?)
        case array([Value])
        case object([(any CodingKey, Value)])
        case null
    }

    /// A key that is data (a label), not one of the contract's names.
    struct LabelKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private(set) var text = ""
    private var depth = 0
    private var needsComma = false

    /// Opens the top-level container (or one inside an array).
    mutating func open(_ bracket: String) {
        startItem()
        text += bracket
        depth += 1
        needsComma = false
    }

    /// Opens a container as the value of `key`.
    mutating func openMember(_ key: any CodingKey, _ bracket: String) {
        startItem()
        text += Self.quoted(key.stringValue) + ": " + bracket
        depth += 1
        needsComma = false
    }

    /// Closes the innermost container.
    mutating func close(_ bracket: String) {
        depth -= 1
        text += "\n" + String(repeating: "  ", count: depth) + bracket
        needsComma = true
    }

    /// Writes `"key": value` in the current object.
    mutating func member(_ key: any CodingKey, _ value: Value) {
        startItem()
        text += Self.quoted(key.stringValue) + ": " + Self.inline(value)
    }

    /// Writes a value in the current array.
    mutating func element(_ value: Value) {
        startItem()
        text += Self.inline(value)
    }

    private mutating func startItem() {
        if needsComma { text += "," }
        if depth > 0 || !text.isEmpty { text += "\n" + String(repeating: "  ", count: depth) }
        needsComma = true
    }

    static func inline(_ value: Value) -> String {
        switch value {
        case .string(let string): return quoted(string)
        case .int(let number): return String(number)
        case .unsigned(let number): return String(number)
        case .bool(let value): return value ? "true" : "false"
        case .double(let number):
            guard let number, number.isFinite else { return "null" }
            return "\(number)"
        case .array(let values): return "[" + values.map(inline).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { quoted($0.0.stringValue) + ": " + inline($0.1) }.joined(separator: ", ") + "}"
        case .null: return "null"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest as is.
    static func quoted(_ string: String) -> String {
        // Most labels need no escape: one pass over the bytes tells, and the text goes as it is.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + string + "\"" }
        var escaped = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }
}
