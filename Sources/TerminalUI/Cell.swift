/// Placeholder until the drawing layer lands.
public enum TerminalUIPlaceholder {}
