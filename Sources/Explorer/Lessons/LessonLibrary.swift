import SDMGrad

/// The lessons shipped under assets/lessons/, in the order of their file names (01-..., 02-...).
public enum LessonLibrary {
    /// Loads every lesson; a bad file is refused with one line naming it (and its step).
    public static func load() throws -> [Lesson] {
        guard let assets = PresetLibrary.assetsFolder() else {
            throw InputError(
                "cannot find the lessons (assets/lessons); set SDMGRAD_EXPLORER_ASSETS to the assets folder")
        }
        let folder = assets + "/lessons"
        let files = FileSystem.list(folder).filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw InputError("\(folder) has no lesson files") }
        return try files.map { try LessonReader.parse(try FileBytes.read("\(folder)/\($0)"), file: $0) }
    }

    /// The lessons state for an explorer: the catalog, the presets and the assets folder.
    public static func state() throws -> LessonsState {
        var lessons = LessonsState()
        lessons.catalog = try load()
        lessons.presets = try PresetLibrary.load().scenarios
        lessons.assetsFolder = PresetLibrary.assetsFolder()
        return lessons
    }

    /// The index of the lesson named `name` or numbered `name` (1-based), or one line listing the lessons.
    public static func index(of name: String, in catalog: [Lesson]) throws -> Int {
        if let n = Int(name), n >= 1, n <= catalog.count { return n - 1 }
        if let i = catalog.firstIndex(where: { $0.name == name }) { return i }
        let names = catalog.enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: ", ")
        throw InputError("no lesson '\(name)'; lessons: \(names)")
    }
}
