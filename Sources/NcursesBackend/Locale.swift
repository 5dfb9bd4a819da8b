import CNcursesw
import Glibc

/// Picks the user's locale, falling back to C.UTF-8 when it is not UTF-8 (a bare Debian has
/// no other); returns whether a UTF-8 locale is now active.
func activateUTF8Locale() -> Bool {
    setlocale(LC_ALL, "")
    if currentCodesetIsUTF8() { return true }
    if setlocale(LC_ALL, "C.UTF-8") != nil, currentCodesetIsUTF8() { return true }
    return false
}

private func currentCodesetIsUTF8() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
}
