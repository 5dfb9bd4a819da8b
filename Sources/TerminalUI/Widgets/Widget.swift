/// Something drawn into an area of a buffer, built from just what it draws (ratatui's `Widget`):
/// a panel is a value, so it can be tested alone with a `Buffer` snapshot.
public protocol Widget {
    /// Draws into `area` of `buffer`.
    func render(area: Rect, buffer: inout Buffer)
}

/// A widget that says what a cell under the mouse points at, so update asks the widget's value,
/// never the view code, what a click means.
public protocol HitTesting {
    /// What a hit means (an iteration, a point of the simplex, ...).
    associatedtype Hit
    /// What the cell (x, y) points at when the widget is drawn in `area`, if anything.
    func point(x: Int, y: Int, area: Rect) -> Hit?
}

extension StatusBar: Widget {}
extension Sparkline: Widget {}
extension Table: Widget {}
