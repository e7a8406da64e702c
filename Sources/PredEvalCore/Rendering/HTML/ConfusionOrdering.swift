/// An order of a confusion matrix's classes in which classes confused with each other sit
/// together, for heatmaps too large to read in report order.
///
/// Greedy edge seriation: the off-diagonal pairs, weighted by their confusions both ways
/// (`m[i][j] + m[j][i]`), are taken heaviest first (ties by the smaller class index), and a pair
/// joins two chains end to end when both classes are still chain ends of different chains. The
/// chains are then laid out heaviest first, each from its end with the lower class index;
/// classes confused with none keep report order at the end. Deterministic, O(P log P) in the
/// number P of non-zero pairs.
enum ConfusionOrdering {
    /// The classes of `matrix` (rows actual, columns predicted) in seriated order.
    ///
    /// - Parameter matrix: a square matrix of counts.
    /// - Returns: a permutation of `0..<matrix.count`.
    static func order(_ matrix: [[Int]]) -> [Int] {
        let count = matrix.count
        var pairs: [(weight: Int, low: Int, high: Int)] = []
        for row in 0..<count {
            for column in (row + 1)..<count {
                let weight = matrix[row][column] + matrix[column][row]
                if weight > 0 { pairs.append((weight, row, column)) }
            }
        }
        pairs.sort { $0.weight != $1.weight ? $0.weight > $1.weight : ($0.low, $0.high) < ($1.low, $1.high) }
        var neighbours = Array(repeating: [Int](), count: count)
        var chains = ChainSets(count: count)
        var chainWeight = Array(repeating: 0, count: count)
        for pair in pairs where neighbours[pair.low].count < 2 && neighbours[pair.high].count < 2 {
            let (lowRoot, highRoot) = (chains.root(pair.low), chains.root(pair.high))
            guard lowRoot != highRoot else { continue }
            neighbours[pair.low].append(pair.high)
            neighbours[pair.high].append(pair.low)
            let root = chains.join(lowRoot, highRoot)
            chainWeight[root] = chainWeight[lowRoot] + chainWeight[highRoot] + pair.weight
        }
        // Each chain once, from its lower-indexed end, heaviest chain first.
        var starts: [(weight: Int, start: Int)] = []
        for index in 0..<count where neighbours[index].count == 1 {
            let end = Self.otherEnd(of: index, neighbours)
            if index < end { starts.append((chainWeight[chains.root(index)], index)) }
        }
        starts.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.start < $1.start }
        var order: [Int] = []
        order.reserveCapacity(count)
        for (_, start) in starts {
            var (previous, current) = (-1, start)
            while true {
                order.append(current)
                guard let next = neighbours[current].first(where: { $0 != previous }) else { break }
                (previous, current) = (current, next)
            }
        }
        for index in 0..<count where neighbours[index].isEmpty { order.append(index) }
        return order
    }

    /// The far end of the chain that has `end` at one end.
    private static func otherEnd(of end: Int, _ neighbours: [[Int]]) -> Int {
        var (previous, current) = (-1, end)
        while let next = neighbours[current].first(where: { $0 != previous }) { (previous, current) = (current, next) }
        return current
    }
}

/// Disjoint sets of classes (union by size, path halving): which chain a class is in.
private struct ChainSets {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func root(_ element: Int) -> Int {
        var element = element
        while parent[element] != element {
            parent[element] = parent[parent[element]]
            element = parent[element]
        }
        return element
    }

    /// Joins two roots; returns the new root.
    mutating func join(_ left: Int, _ right: Int) -> Int {
        let (big, small) = size[left] >= size[right] ? (left, right) : (right, left)
        parent[small] = big
        size[big] += size[small]
        return big
    }
}
