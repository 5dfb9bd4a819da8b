/// A timer set by `Command.after`: when it falls due, what it sends, and the key a newer timer replaces it by.
struct PendingTimer<Message> {
    /// When it fires, on the program's clock.
    let deadline: Int
    /// The order it was set in (ties at one deadline fire in that order).
    let serial: Int
    /// Its key, if a newer timer or a cancel may supersede it.
    let key: String?
    /// What it sends.
    let message: Message
}
