import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

/// The built-in scenarios shipped under `assets/scenarios/`, in the order of its `order.txt`.
public struct PresetLibrary: Sendable {
    /// The scenarios, default first.
    public let scenarios: [Scenario]

    /// The scenario shown when nothing else is asked for.
    public var defaultScenario: Scenario { scenarios[0] }

    /// Loads every preset; throws a one-line error when the assets folder cannot be found or a file is bad.
    public static func load() throws -> PresetLibrary {
        guard let folder = assetsFolder() else {
            throw InputError(
                "cannot find the built-in scenarios (assets/scenarios); set SDMGRAD_EXPLORER_ASSETS to the assets folder"
            )
        }
        let scenariosFolder = folder + "/scenarios"
        let listed =
            (try? FileBytes.read(scenariosFolder + "/order.txt"))
            .map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty } }
            ?? []
        let present = FileSystem.list(scenariosFolder).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        let names = listed.filter(present.contains) + present.filter { !listed.contains($0) }
        guard !names.isEmpty else { throw InputError("\(scenariosFolder) has no scenario files") }
        return PresetLibrary(
            scenarios: try names.map { try ScenarioReader.read(path: "\(scenariosFolder)/\($0).json") })
    }

    /// The index of the preset called `name`, or a one-line error listing the names.
    public func index(of name: String) throws -> Int {
        guard let i = scenarios.firstIndex(where: { $0.name == name }) else {
            throw InputError("no preset named '\(name)'; presets: \(scenarios.map(\.name).joined(separator: ", "))")
        }
        return i
    }

    /// The assets folder: $SDMGRAD_EXPLORER_ASSETS, else the first `assets` above the executable, else above this source file.
    static func assetsFolder() -> String? {
        if let env = getenv("SDMGRAD_EXPLORER_ASSETS").map({ String(cString: $0) }), !env.isEmpty {
            return FileSystem.isDirectory(env + "/scenarios") ? env : nil
        }
        var candidates: [String] = []
        if let exe = executablePath() { candidates.append(exe) }
        candidates.append(#filePath)
        for start in candidates {
            var dir = start
            while let slash = dir.lastIndex(of: "/"), slash > dir.startIndex {
                dir = String(dir[..<slash])
                if FileSystem.isDirectory(dir + "/assets/scenarios") { return dir + "/assets" }
            }
        }
        return nil
    }

    /// The running executable's path, from /proc/self/exe.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
