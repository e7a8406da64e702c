/// The small SVG charts of the HTML report: horizontal bars, stacked counts, a histogram,
/// curves and differences with intervals. Colours come from the page's style sheet (classes),
/// so that dark mode and print restyle them; every mark has a `title`.
enum SVGCharts {
    /// One bar of a bar chart.
    struct Bar {
        var label: String
        var value: Double?
        var interval: Interval?
        /// Drawn in the accent colour and marked (the worst slice, say).
        var marked = false
    }

    /// Horizontal bars of scores in [0, 1] (or of non-negative values up to their maximum), one
    /// per item, the value written after each bar, intervals as whiskers.
    ///
    /// - Parameters:
    ///   - bars: the items, in the order drawn.
    ///   - digits: decimals of the written values.
    ///   - markNote: the text after a marked bar's value.
    /// - Returns: the SVG element.
    static func bars(_ bars: [Bar], digits: Int, markNote: String = "") -> String {
        let rowHeight = 20
        let labelWidth = 200
        let barWidth = 420.0
        let scale = max(1, bars.compactMap(\.value).max() ?? 1)
        let height = rowHeight * bars.count + 8
        var svg = "<svg class=\"chart bars\" role=\"img\" viewBox=\"0 0 \(labelWidth + Int(barWidth) + 190) \(height)\" "
            + "width=\"\(labelWidth + Int(barWidth) + 190)\" height=\"\(height)\">"
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let shown = bar.value.map { FixedPointText.format($0, digits: digits) } ?? "nan"
            svg += "<text class=\"label\" x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">"
                + "\(HTMLText.escaped(bar.label, cutAfter: 28))</text>"
            let width = (bar.value ?? 0) / scale * barWidth
            svg += "<rect class=\"bar\(bar.marked ? " marked" : "")\" x=\"\(labelWidth)\" y=\"\(y + 3)\" "
                + "width=\"\(HTMLText.number(max(0, width)))\" height=\"\(rowHeight - 6)\"><title>"
                + "\(HTMLText.escaped(bar.label)): \(shown)</title></rect>"
            if let interval = bar.interval {
                svg += whisker(
                    from: Double(labelWidth) + interval.low / scale * barWidth,
                    to: Double(labelWidth) + interval.high / scale * barWidth, y: Double(y) + 10)
            }
            let note = bar.marked && !markNote.isEmpty ? " ← \(HTMLText.escaped(markNote))" : ""
            svg += "<text class=\"value\" x=\"\(labelWidth + Int(barWidth) + 6)\" y=\"\(y + 14)\">\(shown)\(note)</text>"
        }
        return svg + "</svg>"
    }

    /// One stacked bar per label: true positives, false negatives and false positives side by
    /// side (multi-label per-label counts).
    ///
    /// - Parameter classes: the labels' counts, in the order drawn.
    /// - Returns: the SVG element.
    static func stackedCounts(_ classes: [ClassReport]) -> String {
        let rowHeight = 20
        let labelWidth = 200
        let barWidth = 520.0
        let scale = Double(max(1, classes.map { $0.tp + $0.fn + $0.fp }.max() ?? 1))
        let height = rowHeight * classes.count + 30
        var svg = "<svg class=\"chart stacked\" role=\"img\" viewBox=\"0 0 \(labelWidth + Int(barWidth) + 20) \(height)\" "
            + "width=\"\(labelWidth + Int(barWidth) + 20)\" height=\"\(height)\">"
        svg += legend([("tp", "true positives"), ("fn", "false negatives"), ("fp", "false positives")], x: labelWidth, y: 12)
        for (index, entry) in classes.enumerated() {
            let y = 26 + index * rowHeight
            svg += "<text class=\"label\" x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">"
                + "\(HTMLText.escaped(entry.label, cutAfter: 28))</text>"
            var x = Double(labelWidth)
            for (kind, value) in [("tp", entry.tp), ("fn", entry.fn), ("fp", entry.fp)] where value > 0 {
                let width = Double(value) / scale * barWidth
                svg += "<rect class=\"\(kind)\" x=\"\(HTMLText.number(x))\" y=\"\(y + 3)\" width=\"\(HTMLText.number(width))\" "
                    + "height=\"\(rowHeight - 6)\"><title>\(HTMLText.escaped(entry.label)): \(kind) \(value)</title></rect>"
                x += width
            }
        }
        return svg + "</svg>"
    }

    /// A vertical histogram: one bar per bin, its count above it, its name below.
    ///
    /// - Parameter bins: each bin's name and count, left to right.
    /// - Returns: the SVG element.
    static func histogram(_ bins: [(name: String, count: Int)]) -> String {
        let barWidth = 52
        let plotHeight = 160.0
        let scale = Double(max(1, bins.map(\.count).max() ?? 1))
        let width = barWidth * bins.count + 20
        var svg = "<svg class=\"chart histogram\" role=\"img\" viewBox=\"0 0 \(width) 210\" width=\"\(width)\" height=\"210\">"
        for (index, bin) in bins.enumerated() {
            let x = 10 + index * barWidth
            let height = Double(bin.count) / scale * plotHeight
            svg += "<rect class=\"bar\" x=\"\(x + 4)\" y=\"\(HTMLText.number(20 + plotHeight - height))\" width=\"\(barWidth - 8)\" "
                + "height=\"\(HTMLText.number(height))\"><title>\(HTMLText.escaped(bin.name)): \(bin.count) rows</title></rect>"
            svg += "<text class=\"value\" x=\"\(x + barWidth / 2)\" y=\"\(HTMLText.number(16 + plotHeight - height))\" "
                + "text-anchor=\"middle\">\(bin.count)</text>"
            svg += "<text class=\"label\" x=\"\(x + barWidth / 2)\" y=\"196\" text-anchor=\"middle\">\(HTMLText.escaped(bin.name))</text>"
        }
        return svg + "</svg>"
    }

    /// One named line of a curve chart.
    struct Series {
        var name: String
        var points: [CurvePoint]
    }

    /// Lines on the unit square: ROC or precision-recall curves, or a reliability diagram's
    /// points; axes with ticks at every 0.2, an optional dashed diagonal, a legend.
    ///
    /// - Parameters:
    ///   - series: the lines (each drawn in one of eight colour-blind-safe colours, then dashed).
    ///   - xName: the x axis's name.
    ///   - yName: the y axis's name.
    ///   - diagonal: whether the chance (ROC) or perfect-calibration diagonal is drawn.
    ///   - markers: whether each point also gets a dot (few points, as in a reliability diagram).
    /// - Returns: the SVG element.
    static func curves(_ series: [Series], xName: String, yName: String, diagonal: Bool, markers: Bool = false) -> String {
        let (left, top, size) = (48.0, 12.0, 300.0)
        let legendHeight = 16 * series.count
        let height = Int(top + size) + 44 + legendHeight
        func x(_ value: Double) -> String { HTMLText.number(left + min(1, max(0, value)) * size) }
        func y(_ value: Double) -> String { HTMLText.number(top + (1 - min(1, max(0, value))) * size) }
        var svg = "<svg class=\"chart curves\" role=\"img\" viewBox=\"0 0 380 \(height)\" width=\"380\" height=\"\(height)\">"
        svg += "<rect class=\"frame\" x=\"\(x(0))\" y=\"\(y(1))\" width=\"\(Int(size))\" height=\"\(Int(size))\"/>"
        for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
            let name = FixedPointText.format(tick, digits: 1)
            svg += "<line class=\"grid\" x1=\"\(x(tick))\" y1=\"\(y(0))\" x2=\"\(x(tick))\" y2=\"\(y(1))\"/>"
            svg += "<line class=\"grid\" x1=\"\(x(0))\" y1=\"\(y(tick))\" x2=\"\(x(1))\" y2=\"\(y(tick))\"/>"
            svg += "<text class=\"tick\" x=\"\(x(tick))\" y=\"\(HTMLText.number(top + size + 14))\" text-anchor=\"middle\">\(name)</text>"
            svg += "<text class=\"tick\" x=\"\(HTMLText.number(left - 4))\" y=\"\(y(tick))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(name)</text>"
        }
        svg += "<text class=\"axis-title\" x=\"\(x(0.5))\" y=\"\(HTMLText.number(top + size + 30))\" text-anchor=\"middle\">\(xName)</text>"
        svg += "<text class=\"axis-title\" transform=\"translate(12 \(y(0.5))) rotate(-90)\" text-anchor=\"middle\">\(yName)</text>"
        if diagonal { svg += "<line class=\"diagonal\" x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\"/>" }
        for (index, line) in series.enumerated() {
            let style = "s\(index % 8)\(index >= 8 ? " dashed" : "")"
            let path = line.points.map { "\(x($0.x)),\(y($0.y))" }.joined(separator: " ")
            svg += "<polyline class=\"line \(style)\" points=\"\(path)\"><title>\(HTMLText.escaped(line.name))</title></polyline>"
            if markers {
                for point in line.points {
                    svg += "<circle class=\"dot \(style)\" cx=\"\(x(point.x))\" cy=\"\(y(point.y))\" r=\"3.5\"/>"
                }
            }
            let legendY = Int(top + size) + 48 + 16 * index
            svg += "<line class=\"line \(style)\" x1=\"\(left)\" y1=\"\(legendY - 4)\" x2=\"\(left + 24)\" y2=\"\(legendY - 4)\"/>"
            svg += "<text class=\"label\" x=\"\(left + 30)\" y=\"\(legendY)\">\(HTMLText.escaped(line.name, cutAfter: 40))</text>"
        }
        return svg + "</svg>"
    }

    /// Differences centred on zero, one row per item, each with its interval as a whisker and
    /// the zero line drawn: a comparison of candidates with a baseline.
    ///
    /// - Parameters:
    ///   - items: each candidate's name, difference (nil where undefined) and interval.
    ///   - digits: decimals of the written values.
    /// - Returns: the SVG element.
    static func differences(_ items: [(name: String, difference: Double?, interval: Interval?)], digits: Int) -> String {
        let rowHeight = 24
        let labelWidth = 220.0
        let half = 200.0
        let extent = max(1e-9, items.flatMap { [$0.difference, $0.interval?.low, $0.interval?.high].compactMap { $0.map(abs) } }.max() ?? 1)
        let height = rowHeight * items.count + 24
        func x(_ value: Double) -> Double { labelWidth + half + value / extent * (half - 10) }
        var svg = "<svg class=\"chart differences\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + 2 * half) + 120) \(height)\" "
            + "width=\"\(Int(labelWidth + 2 * half) + 120)\" height=\"\(height)\">"
        svg += "<line class=\"zero\" x1=\"\(HTMLText.number(x(0)))\" y1=\"0\" x2=\"\(HTMLText.number(x(0)))\" y2=\"\(height - 16)\"/>"
        svg += "<text class=\"tick\" x=\"\(HTMLText.number(x(0)))\" y=\"\(height - 4)\" text-anchor=\"middle\">0</text>"
        for (index, item) in items.enumerated() {
            let y = Double(4 + index * rowHeight) + 12
            svg += "<text class=\"label\" x=\"\(HTMLText.number(labelWidth - 6))\" y=\"\(HTMLText.number(y + 4))\" text-anchor=\"end\">"
                + "\(HTMLText.escaped(item.name, cutAfter: 30))</text>"
            if let interval = item.interval { svg += whisker(from: x(interval.low), to: x(interval.high), y: y) }
            let shown = item.difference.map { ($0 < 0 ? "" : "+") + FixedPointText.format($0, digits: digits) } ?? "nan"
            if let difference = item.difference {
                svg += "<circle class=\"dot s0\" cx=\"\(HTMLText.number(x(difference)))\" cy=\"\(HTMLText.number(y))\" r=\"4\">"
                    + "<title>\(HTMLText.escaped(item.name)): \(shown)</title></circle>"
            }
            svg += "<text class=\"value\" x=\"\(HTMLText.number(labelWidth + 2 * half + 8))\" y=\"\(HTMLText.number(y + 4))\">\(shown)</text>"
        }
        return svg + "</svg>"
    }

    // MARK: Private

    /// An interval's whisker: a horizontal line with end caps.
    private static func whisker(from low: Double, to high: Double, y: Double) -> String {
        let (l, h, top, bottom) = (HTMLText.number(low), HTMLText.number(high), HTMLText.number(y - 5), HTMLText.number(y + 5))
        return "<path class=\"whisker\" d=\"M\(l) \(top)V\(bottom)M\(l) \(HTMLText.number(y))H\(h)M\(h) \(top)V\(bottom)\"/>"
    }

    /// A legend row of coloured squares and names.
    private static func legend(_ entries: [(kind: String, name: String)], x: Int, y: Int) -> String {
        var svg = ""
        for (index, entry) in entries.enumerated() {
            let left = x + index * 150
            svg += "<rect class=\"\(entry.kind)\" x=\"\(left)\" y=\"\(y - 9)\" width=\"10\" height=\"10\"/>"
            svg += "<text class=\"label\" x=\"\(left + 14)\" y=\"\(y)\">\(entry.name)</text>"
        }
        return svg
    }
}
