import SDMGrad
import TerminalUI

/// What lessons add to the frame: the lesson list over the panels, or the step's box in a panel
/// the step does not need, and highlighted borders on the panels it does.
public enum LessonView {
    /// Draws over a finished frame (`state` is what the panels showed).
    static func render(_ state: ExplorerState, layout: FrameLayout, buffer: inout Buffer, theme: Theme) {
        let lessons = state.display.lessons
        if lessons.listOpen {
            renderList(lessons, area: layout.help, buffer: &buffer, theme: theme)
            return
        }
        guard state.lowerView != .help else { return }
        if state.quizHidesAnswers, state.lowerView == .none {
            renderQuestion(area: layout.convergence, buffer: &buffer, theme: theme)
        }
        guard let progress = lessons.progress else { return }
        let lesson = lessons.catalog[progress.lesson]
        let step = lessons.step
        let emphasized = step?.emphasize ?? []
        for panel in emphasized {
            for rect in rects(panel, state: state, layout: layout) { emphasize(rect, buffer: &buffer, theme: theme) }
        }
        let slot = boxSlot(state, layout: layout, theme: theme)
        renderBox(state, lesson: lesson, progress: progress, step: step, area: slot, buffer: &buffer, theme: theme)
    }

    /// Where the box of the step shown goes in `layout`.
    public static func boxSlot(_ state: ExplorerState, layout: FrameLayout, theme: Theme = .unicode) -> Rect {
        let lessons = state.display.lessons
        guard let progress = lessons.progress else { return layout.lower }
        let lesson = lessons.catalog[progress.lesson]
        return boxSlot(emphasized: lessons.step?.emphasize ?? [], state: state, layout: layout) { width in
            let (text, footer) = boxLines(
                state, lesson: lesson, progress: progress, step: lessons.step, width: width, theme: theme)
            return text.count + footer.count
        }
    }

    /// The rectangles of a panel as the frame lays them out now (none when a lower view hides it).
    static func rects(_ panel: LessonPanel, state: ExplorerState, layout: FrameLayout) -> [Rect] {
        let lowerOpen = state.lowerView != .none && state.lowerView != .help
        switch panel {
        case .geometry: return [layout.geometry]
        case .simplex: return [layout.simplex]
        case .matrix: return [layout.matrix]
        case .state: return lowerOpen ? [] : [layout.state]
        case .convergence: return lowerOpen ? [] : [layout.convergence]
        case .lower: return lowerOpen ? [layout.lower] : [layout.state, layout.convergence]
        case .header: return []
        }
    }

    /// Where the step's box goes: the first place the step does not emphasize that holds its
    /// whole text (`lines(width)` counts the lines at a width), else the largest such place.
    public static func boxSlot(
        emphasized: [LessonPanel], state: ExplorerState, layout: FrameLayout,
        lines: (Int) -> Int = { _ in 0 }
    ) -> Rect {
        let lowerOpen = state.lowerView != .none && state.lowerView != .help
        let lowerFree =
            !emphasized.contains(.lower) && !emphasized.contains(.state) && !emphasized.contains(.convergence)
        let candidates: [(Bool, Rect)] = [
            (!emphasized.contains(.geometry), layout.geometry),
            (lowerFree, layout.lower),
            (!lowerOpen && !emphasized.contains(.lower) && !emphasized.contains(.state), layout.state),
            (!lowerOpen && !emphasized.contains(.lower) && !emphasized.contains(.convergence), layout.convergence),
            (!emphasized.contains(.matrix), layout.matrix),
            (!emphasized.contains(.simplex), layout.simplex),
        ]
        let free = candidates.filter(\.0).map(\.1)
        if let fits = free.first(where: { lines($0.width - 2) <= $0.height - 2 }) { return fits }
        return free.max { $0.width * $0.height < $1.width * $1.height } ?? layout.lower
    }

    /// The box's lines at an inner width: the text (and the quiz's answer), then the goal line.
    static func boxLines(
        _ state: ExplorerState, lesson: Lesson, progress: LessonProgress, step: LessonStep?,
        width: Int, theme: Theme
    ) -> (text: [[Span]], footer: [[Span]]) {
        guard width > 0 else { return ([], []) }
        var lines: [[Span]] = []
        let prose = theme.role(.prose)
        if let step {
            let text = LessonText.fill(step.text, state: state, hideAnswers: state.quizHidesAnswers)
            lines += Paragraph([
                Span(progress.step == 0 ? lesson.title + ": " : "", style: theme.role(.title)),
                Span(text, style: prose),
            ])
            .wrapped(width: width)
        } else {
            lines += Paragraph(
                "You reached the end of \"\(lesson.title)\". Press Enter for the lesson list (the next lesson is selected), or keep exploring.",
                style: prose
            ).wrapped(width: width)
        }
        if let reveal = state.quizReveal { lines += Paragraph(reveal, style: theme.role(.good)).wrapped(width: width) }
        var footer: [[Span]] = []
        if let step {
            let todo =
                step.goal.isNone
                ? "Enter: next step" : (step.hint.isEmpty ? "goal: " + step.goal.text : step.hint) + " · Enter skips"
            footer = Paragraph(todo, style: theme.role(.warning)).wrapped(width: width)
        }
        return (lines, footer)
    }

    /// Recolours the border of `rect` (its box-drawing characters) in the emphasis style.
    static func emphasize(_ rect: Rect, buffer: inout Buffer, theme: Theme) {
        let box = theme.glyphs.box
        let borderGlyphs: Set<Character> = [
            box.horizontal, box.vertical, box.topLeft, box.topRight, box.bottomLeft, box.bottomRight,
        ]
        let style = theme.role(.emphasis)
        let cells =
            (rect.x..<rect.maxX).flatMap { [($0, rect.y), ($0, rect.maxY - 1)] }
            + (rect.y..<rect.maxY).flatMap { [(rect.x, $0), (rect.maxX - 1, $0)] }
        for (x, y) in cells where buffer.contains(x, y) && borderGlyphs.contains(buffer[x, y].character) {
            buffer.setStyle(style, in: Rect(x: x, y: y, width: 1, height: 1))
        }
    }

    /// The step's box: its text with the numbers filled in, the goal, and the quiz's answer.
    static func renderBox(
        _ state: ExplorerState, lesson: Lesson, progress: LessonProgress, step: LessonStep?,
        area: Rect, buffer: inout Buffer, theme: Theme
    ) {
        buffer.fill(area, with: Cell(" "))
        let total = lesson.steps.count
        let title =
            step == nil
            ? "Lesson \(progress.lesson + 1): done"
            : "Lesson \(progress.lesson + 1) · step \(progress.step + 1)/\(total)"
        buffer.drawBox(
            area, title: title, style: theme.role(.emphasis), glyphs: theme.glyphs, titleStyle: theme.role(.title))
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: max(area.width - 2, 0), height: max(area.height - 2, 0))
        guard inner.width > 0, inner.height > 0 else { return }
        let (lines, footer) = boxLines(
            state, lesson: lesson, progress: progress, step: step, width: inner.width, theme: theme)
        // The goal line stays visible: the text gives way first (its last lines are cut).
        let room = max(inner.height - footer.count, 0)
        let shown = Array(lines.prefix(room)) + Array(footer.prefix(inner.height))
        for (i, line) in shown.enumerated() {
            _ = buffer.write(line, x: inner.x, y: inner.y + i, maxWidth: inner.width)
        }
        if lines.count > room, room > 0 {
            buffer.write(
                theme.ellipsis, x: inner.maxX - displayWidth(of: theme.ellipsis), y: inner.y + room - 1,
                style: theme.role(.prose))
        }
    }

    /// The quiz's question where the Convergence panel would show the answers.
    static func renderQuestion(area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: max(area.width - 2, 0), height: max(area.height - 2, 0))
        buffer.fill(inner, with: Cell(" "))
        let text =
            "Quiz: where is w*? Click the simplex where you think it is. Or guess the verdict of this lr: "
            + "1 converges · 2 oscillates · 3 diverges. The answers (w* and its star, the verdict, \(theme.rho), lr_max, the \(theme.lambda) curve) "
            + "show after your guess; Q ends quiz mode."
        for (i, line) in Paragraph(text, style: theme.role(.warning)).wrapped(width: inner.width).prefix(inner.height)
            .enumerated()
        {
            _ = buffer.write(line, x: inner.x, y: inner.y + i, maxWidth: inner.width)
        }
    }

    /// The list of lessons, over the panels.
    static func renderList(_ lessons: LessonsState, area: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(area, with: Cell(" "))
        buffer.drawBox(
            area, title: "Lessons (↑↓ or 1-9 choose, Enter opens, Esc closes)".replacingArrows(theme),
            style: theme.role(.emphasis), glyphs: theme.glyphs, titleStyle: theme.role(.title))
        let inner = Rect(x: area.x + 2, y: area.y + 1, width: max(area.width - 4, 0), height: max(area.height - 2, 0))
        var y = inner.y
        for (i, lesson) in lessons.catalog.enumerated() where y < inner.maxY {
            let current = lessons.progress?.lesson == i ? "  (open)" : ""
            let row = "\(i + 1)  \(lesson.title)  · \(lesson.steps.count) steps\(current)"
            let style = i == lessons.selected ? theme.role(.selectedRow) : theme.role(.plain)
            buffer.write(row, x: inner.x, y: y, style: style, maxWidth: inner.width)
            y += 1
        }
        let note =
            "Each lesson opens its own scenario and moves on when you reach its goal; Enter skips a step. "
            + "Q: quiz mode (guess w* or the verdict before they are shown)."
        for line in Paragraph(note, style: theme.role(.label)).wrapped(width: inner.width) where y + 1 < inner.maxY {
            y += 1
            _ = buffer.write(line, x: inner.x, y: y, maxWidth: inner.width)
        }
    }
}

private extension String {
    /// Arrows spelled in ASCII when the theme has no Unicode.
    func replacingArrows(_ theme: Theme) -> String {
        theme.unicodeText ? self : map { $0 == "↑" ? "Up" : ($0 == "↓" ? "/Down" : String($0)) }.joined()
    }
}
