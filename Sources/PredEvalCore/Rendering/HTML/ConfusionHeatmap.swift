/// The confusion matrix as an SVG heatmap: rows actual, columns predicted, each cell coloured by
/// its share (of its row by default: the recall view), the diagonal outlined.
///
/// Up to `readableClassLimit` classes every cell is drawn in report order with its count and
/// percentage written in it. Beyond, the classes are seriated (`ConfusionOrdering`) so that
/// confused classes sit together, and only the non-zero cells are drawn (a zero cell is the
/// background): the page grows with the pairs that occur, not with K². Every drawn cell is a
/// `rect` of class `cell` with `data-a` (actual) and `data-p` (predicted) indices into the
/// report's labels and a `title` naming both labels, the count and the share.
struct ConfusionHeatmap {
    /// The most classes drawn with every cell written out, in report order.
    static let readableClassLimit = 40
    /// How many pairs the most-confused table lists.
    static let confusedPairLimit = 20

    let labels: [String]
    let matrix: [[Int]]
    /// What each cell's share is of (and the colour shows).
    let normalization: MatrixNormalization

    /// The heatmap's SVG element.
    func svg() -> String {
        let count = labels.count
        let shares = normalization.normalized(matrix)
        let readable = count <= Self.readableClassLimit
        let order = readable ? Array(0..<count) : ConfusionOrdering.order(matrix)
        let cell = readable ? 44 : max(4, min(16, 960 / max(count, 1)))
        let showsAxisLabels = cell >= 10
        let labelCharacters = 24
        let longest = labels.reduce(0) { max($0, min(TerminalText.escaped($1).count, labelCharacters)) }
        let margin = showsAxisLabels ? 32 + Int(Double(longest) * (cell >= 16 ? 7.0 : 0.55 * Double(cell))) : 24
        let side = margin + cell * count
        var svg = "<svg class=\"heatmap h\(cell)\" role=\"img\" viewBox=\"0 0 \(side + 8) \(side + 8)\" width=\"\(side + 8)\" height=\"\(side + 8)\" "
        svg += "aria-label=\"confusion matrix, \(count) classes, rows actual, columns predicted\">"
        // Small cells lose their gaps and outlines; a guide line then marks the diagonal.
        let outline = cell >= 10 ? "" : ".h\(cell) rect.cell{stroke:none}"
        svg += "<style>.h\(cell) rect.cell{width:\(cell)px;height:\(cell)px}\(outline)</style>"
        svg += "<text class=\"axis-title\" x=\"\(margin)\" y=\"12\">predicted →</text>"
        svg += "<text class=\"axis-title\" transform=\"translate(8 \(margin)) rotate(90)\">actual →</text>"
        if showsAxisLabels {
            let fontSize = min(12, cell - 2)
            svg += "<g class=\"axis\" font-size=\"\(fontSize)\">"
            for (position, index) in order.enumerated() {
                let name = HTMLText.escaped(labels[index], cutAfter: labelCharacters)
                let title = "<title>\(HTMLText.escaped(labels[index]))</title>"
                let middle = margin + position * cell + cell / 2
                svg += "<text x=\"\(margin - 4)\" y=\"\(middle)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(title)\(name)</text>"
                svg += "<text transform=\"translate(\(middle) \(margin - 4)) rotate(-90)\" dominant-baseline=\"middle\">\(title)\(name)</text>"
            }
            svg += "</g>"
        }
        svg += "<rect class=\"frame\" x=\"\(margin)\" y=\"\(margin)\" width=\"\(cell * count)\" height=\"\(cell * count)\"/>"
        if cell < 10 {
            svg += "<line class=\"diagonal-guide\" x1=\"\(margin)\" y1=\"\(margin)\" x2=\"\(margin + cell * count)\" y2=\"\(margin + cell * count)\"/>"
        }
        for (rowPosition, actual) in order.enumerated() {
            for (columnPosition, predicted) in order.enumerated() {
                let value = matrix[actual][predicted]
                if value == 0 && !readable { continue }
                let share = shares[actual][predicted]
                let (x, y) = (margin + columnPosition * cell, margin + rowPosition * cell)
                let step = Self.colourStep(share)
                svg += "<rect class=\"cell q\(step)\(actual == predicted ? " diag" : "")\" x=\"\(x)\" y=\"\(y)\" "
                svg += "data-a=\"\(actual)\" data-p=\"\(predicted)\"><title>actual \(HTMLText.escaped(labels[actual])), predicted "
                svg += "\(HTMLText.escaped(labels[predicted])): \(value) (\(HTMLText.percent(share)))</title></rect>"
                if readable {
                    let ink = step >= 5 ? " light" : ""
                    svg += "<text class=\"count\(ink)\" x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 - 3)\">\(value)</text>"
                    svg += "<text class=\"share\(ink)\" x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 10)\">\(HTMLText.percent(share))</text>"
                }
            }
        }
        return svg + "</svg>"
    }

    /// The off-diagonal cells with the most rows, most first (ties in report order), at most
    /// `confusedPairLimit`: actual index, predicted index, count.
    func mostConfusedPairs() -> [(actual: Int, predicted: Int, count: Int)] {
        var pairs: [(actual: Int, predicted: Int, count: Int)] = []
        for (actual, row) in matrix.enumerated() {
            for (predicted, value) in row.enumerated() where value > 0 && actual != predicted {
                pairs.append((actual, predicted, value))
            }
        }
        pairs.sort { $0.count != $1.count ? $0.count > $1.count : ($0.actual, $0.predicted) < ($1.actual, $1.predicted) }
        return Array(pairs.prefix(Self.confusedPairLimit))
    }

    /// The colour step 0 (none) to 8 (all) of a share: a sequential single-hue scale.
    static func colourStep(_ share: Double) -> Int {
        share <= 0 ? 0 : min(8, 1 + Int(share * 8))
    }
}
