import Foundation
import Testing

@testable import PredEvalCore

@Suite("HTML report: escaping, seriation, shares")
struct HTMLRenderingTests {
    @Test("markup and control characters in labels are text")
    func escaping() {
        #expect(HTMLText.escaped("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(HTMLText.escaped("a\u{1B}[31mb\u{202E}c") == "a\\u{1b}[31mb\\u{202e}c")
        #expect(HTMLText.escaped("Schwarzwälder Kirschtorte", cutAfter: 10) == "Schwarzwä…")
        #expect(HTMLText.escaped("日本語", cutAfter: 10) == "日本語")
    }

    @Test("seriation puts the classes of each confused block side by side, deterministically")
    func seriation() {
        // Two blocks {0, 3, 5} and {1, 2, 4} confused within, 6 alone.
        var matrix = Array(repeating: Array(repeating: 0, count: 7), count: 7)
        for (a, b, n) in [(0, 3, 9), (3, 5, 7), (5, 0, 1), (1, 4, 5), (4, 2, 4), (2, 1, 1)] {
            matrix[a][b] = n
        }
        for i in 0..<7 { matrix[i][i] = 20 }
        let order = ConfusionOrdering.order(matrix)
        #expect(order.sorted() == Array(0..<7))
        #expect(order == [0, 3, 5, 1, 4, 2, 6])
        #expect(ConfusionOrdering.order(matrix) == order)
        #expect(ConfusionOrdering.order([]) == [])
        #expect(ConfusionOrdering.order([[3]]) == [0])
    }

    @Test("the heatmap's shares follow --normalize, as scikit-learn's confusion_matrix(normalize=)")
    func shares() {
        // scikit-learn's docstring: confusion_matrix([0,1,2,2,2], [0,0,2,2,1]) = [[1,0,0],[1,0,0],[0,1,2]].
        let matrix = [[1, 0, 0], [1, 0, 0], [0, 1, 2]]
        let labels = ["0", "1", "2"]
        let byRow = ConfusionHeatmap(labels: labels, matrix: matrix, normalization: .actual).svg()
        #expect(byRow.contains("actual 2, predicted 2: 2 (66.7%)"))
        let byColumn = ConfusionHeatmap(labels: labels, matrix: matrix, normalization: .predicted).svg()
        #expect(byColumn.contains("actual 0, predicted 0: 1 (50.0%)") && byColumn.contains("actual 2, predicted 2: 2 (100.0%)"))
        let overAll = ConfusionHeatmap(labels: labels, matrix: matrix, normalization: .all).svg()
        #expect(overAll.contains("actual 2, predicted 2: 2 (40.0%)"))
        #expect(ConfusionHeatmap.colourStep(0) == 0 && ConfusionHeatmap.colourStep(0.01) == 1 && ConfusionHeatmap.colourStep(1) == 8)
    }

    @Test("most confused pairs: largest off-diagonal cells first, ties in report order, at most 20")
    func confusedPairs() {
        var matrix = Array(repeating: Array(repeating: 1, count: 6), count: 6)
        matrix[4][1] = 9
        matrix[2][3] = 9
        matrix[0][5] = 5
        let pairs = ConfusionHeatmap(labels: (0..<6).map(String.init), matrix: matrix, normalization: .actual).mostConfusedPairs()
        #expect(pairs.count == 20)
        #expect(pairs.prefix(3).map { [$0.actual, $0.predicted, $0.count] } == [[2, 3, 9], [4, 1, 9], [0, 5, 5]])
        #expect(pairs.allSatisfy { $0.actual != $0.predicted })
    }
}
