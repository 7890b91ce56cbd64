/// How much of a rectangle one part of a split takes.
public enum Constraint: Sendable, Equatable {
    /// Exactly n rows or columns.
    case fixed(Int)
    /// p per cent of the whole (rounded down).
    case percentage(Int)
    /// At least n; shares what is left with the other growing parts.
    case min(Int)
    /// At most n; grows into what is left up to n.
    case max(Int)
}

extension Rect {
    /// Whether the cell (x, y) is inside (a click there).
    public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < maxX && y >= self.y && y < maxY }

    /// Rows from the top by constraints (see `Layout.sizes`).
    public func rows(_ constraints: [Constraint]) -> [Rect] {
        var y = self.y
        return Layout.sizes(constraints, total: height).map { h in
            defer { y += h }; return Rect(x: x, y: y, width: width, height: h)
        }
    }

    /// Columns from the left by constraints (see `Layout.sizes`).
    public func columns(_ constraints: [Constraint]) -> [Rect] {
        var x = self.x
        return Layout.sizes(constraints, total: width).map { w in
            defer { x += w }; return Rect(x: x, y: y, width: w, height: height)
        }
    }
}

public enum Layout {
    /// The sizes of the parts. Fixed, percentage and min parts get their amount first; what is
    /// left is shared evenly among min and max parts (a max part up to its cap). When the whole
    /// is too small, parts give way from the last one back — the rule by which a narrow terminal
    /// drops what matters least, put last by the caller.
    public static func sizes(_ constraints: [Constraint], total: Int) -> [Int] {
        var sizes = constraints.map { c -> Int in
            switch c {
            case let .fixed(n), let .min(n): return Swift.max(0, n)
            case let .percentage(p): return Swift.max(0, total * p / 100)
            case .max: return 0
            }
        }
        var left = total - sizes.reduce(0, +)
        // Too small: take from the last parts first.
        for i in sizes.indices.reversed() where left < 0 {
            let taken = Swift.min(sizes[i], -left)
            sizes[i] -= taken
            left += taken
        }
        func room(_ i: Int) -> Int {
            switch constraints[i] {
            case .min: return Int.max
            case let .max(n): return n - sizes[i]
            default: return 0
            }
        }
        while left > 0 {
            let growing = sizes.indices.filter { room($0) > 0 }
            guard !growing.isEmpty else { break }
            let share = Swift.max(1, left / growing.count)
            for i in growing where left > 0 {
                let add = Swift.min(share, room(i), left)
                sizes[i] += add
                left -= add
            }
        }
        return sizes
    }
}
