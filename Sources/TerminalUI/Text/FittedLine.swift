/// One piece of a line that is shown whole or not at all: its forms from longest to shortest
/// (an empty form drops it), its style, and when it shrinks relative to the other pieces.
public struct LinePiece: Hashable, Sendable {
    /// The forms, preferred first; each is shown whole.
    public var forms: [String]
    public var style: Style
    /// Pieces of lower rank shrink (move to their next form) first; ties go right to left.
    public var rank: Int
    /// Pieces of one group are dropped together: when one is dropped (its form is empty), so are the others.
    public var group: Int?

    /// A piece with several forms (e.g. a full and a short label).
    public init(forms: [String], style: Style = .plain, rank: Int = 0, group: Int? = nil) {
        self.forms = forms.isEmpty ? [""] : forms
        self.style = style
        self.rank = rank
        self.group = group
    }

    /// A piece shown as is or, when the line is short, cut off with the rest of the line.
    public init(_ text: String, style: Style = .plain) {
        self.init(forms: [text], style: style, rank: 0)
    }

    /// A piece that is dropped (before pieces of higher rank shrink) when the line is short.
    public static func optional(_ text: String, style: Style = .plain, rank: Int = 0, group: Int? = nil) -> LinePiece {
        LinePiece(forms: [text, ""], style: style, rank: rank, group: group)
    }

    /// A number in its forms (precision dropped, then notation switched), with `prefix` kept beside it.
    public static func number(
        _ x: Double, precision: NumberPrecision = .significant(4), prefix: String = "",
        style: Style = .plain, rank: Int = 1
    ) -> LinePiece {
        LinePiece(forms: NumberText.forms(x, precision: precision).map { prefix + $0 }, style: style, rank: rank)
    }

    /// A text as one piece per word (each with its following blanks), so a cut falls between words.
    public static func words(_ text: String, style: Style = .plain) -> [LinePiece] {
        // Status lines and titles split the same text every frame.
        wordsMemo.value(Span(text, style: style)) { split(text, style: style) }
    }

    /// Splittings already made, by text and style.
    private static let wordsMemo = Memo<Span, [LinePiece]>(limit: 1024)

    /// `words(_:style:)` computed.
    private static func split(_ text: String, style: Style) -> [LinePiece] {
        var pieces: [LinePiece] = []
        var current = ""
        var inBlanks = false
        for character in text {
            if character == " " {
                inBlanks = true
            } else if inBlanks {
                pieces.append(LinePiece(current, style: style))
                current = ""
                inBlanks = false
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(LinePiece(current, style: style)) }
        return pieces
    }

    /// The width of form `index`.
    func width(_ index: Int) -> Int { displayWidth(of: forms[min(index, forms.count - 1)]) }
}

/// Lines that fit a width by construction: pieces shrink to shorter forms, optional ones are
/// dropped, and what still does not fit ends at a piece boundary with an ellipsis; no piece is cut.
public enum FittedLine {
    /// The spans of `pieces` fitted into `width` columns.
    public static func fit(_ pieces: [LinePiece], width: Int, ellipsis: String = "…") -> [Span] {
        guard width > 0 else { return [] }
        // Most lines are the same from one frame to the next.
        return fitMemo.value(FitKey(pieces: pieces, width: width, ellipsis: ellipsis)) {
            fitted(pieces, width: width, ellipsis: ellipsis)
        }
    }

    /// What a fitting depends on.
    private struct FitKey: Hashable, Sendable {
        let pieces: [LinePiece]
        let width: Int
        let ellipsis: String
    }

    /// Fittings already made.
    private static let fitMemo = Memo<FitKey, [Span]>(limit: 4096)

    /// `fit(_:width:ellipsis:)` computed.
    private static func fitted(_ pieces: [LinePiece], width: Int, ellipsis: String) -> [Span] {
        let choice = shrunk(pieces, width: width)
        let chosen = spans(pieces, choice)
        if self.width(of: chosen) <= width { return chosen }
        // Still too wide: keep whole pieces from the left and end with the ellipsis.
        let mark = displayWidth(of: ellipsis)
        var kept = 0
        var columns = 0
        for i in pieces.indices {
            let w = pieces[i].width(choice[i])
            if columns + w + mark > width { break }
            columns += w
            kept = i + 1
        }
        guard mark <= width else { return [] }
        // The kept pieces get back what the cut ones no longer take: "s = 2.2…", not "s = 2…".
        let head = Array(pieces.prefix(kept))
        let result = spans(head, shrunk(head, width: width - mark))
        return result + [Span(ellipsis, style: result.last?.style ?? chosen.first?.style ?? .plain)]
    }

    /// The form chosen for each piece: lowest rank (rightmost among equals) shrinks first, until the line fits
    /// `width` or nothing can shrink.
    static func shrunk(_ pieces: [LinePiece], width: Int) -> [Int] {
        var choice = [Int](repeating: 0, count: pieces.count)
        // Each piece's width at its chosen form, measured once per form (lazily: most lines fit as they are).
        var widths = pieces.map { $0.width(0) }
        var used = widths.reduce(0, +)
        func total() -> Int {
            for i in pieces.indices { widths[i] = pieces[i].width(choice[i]) }
            return widths.reduce(0, +)
        }
        while used > width {
            var pick: Int?
            for i in pieces.indices.reversed() where choice[i] + 1 < pieces[i].forms.count {
                if pick == nil || pieces[i].rank < pieces[pick!].rank { pick = i }
            }
            guard let i = pick else { break }
            choice[i] += 1
            if let group = pieces[i].group, pieces[i].forms[choice[i]].isEmpty {
                for j in pieces.indices where pieces[j].group == group { choice[j] = pieces[j].forms.count - 1 }
                used = total()
            } else {
                let w = pieces[i].width(choice[i])
                used += w - widths[i]
                widths[i] = w
            }
        }
        return choice
    }

    /// The non-empty spans of the chosen forms.
    static func spans(_ pieces: [LinePiece], _ choice: [Int]) -> [Span] {
        pieces.indices.map { Span(pieces[$0].forms[choice[$0]], style: pieces[$0].style) }.filter { !$0.text.isEmpty }
    }

    /// The width the fitted spans take.
    public static func width(of spans: [Span]) -> Int { spans.reduce(0) { $0 + displayWidth(of: $1.text) } }

    /// A title fitted by dropping whole phrases: `phrases[0]` always stays (or ends in an ellipsis between words),
    /// later phrases are dropped from the last one back.
    public static func title(_ phrases: [String], width: Int, ellipsis: String = "…") -> String {
        var pieces = LinePiece.words(phrases.first ?? "")
        for (i, phrase) in phrases.dropFirst().enumerated() { pieces.append(.optional(phrase, rank: -i)) }
        let spans = fit(pieces, width: width, ellipsis: ellipsis)
        return spans.map(\.text).joined()
    }
}
