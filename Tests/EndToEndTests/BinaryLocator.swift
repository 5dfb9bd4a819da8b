import Foundation

/// Finds the `sdmgrad-explorer` binary the end-to-end tests drive (shared by every test class here).
///
/// Order: `$SDMGRAD_EXPLORER_BIN` when set (an explicit override); then the folder of the running
/// test bundle, where SwiftPM puts every product of the same build (so
/// `swift test --scratch-path .build-e2e` tests `.build-e2e/debug/sdmgrad-explorer`); then
/// `<root>/.build/debug`; when none exists, `swift build` it from the package root.
enum BinaryLocator {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The package root: three levels up from this file (Tests/EndToEndTests/BinaryLocator.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary's path, or a Failure saying where it looked.
    static func binary() throws -> String { try located.get() }

    /// Found once per test run (and printed, so the log shows which binary was tested).
    static let located: Result<String, Failure> = {
        do {
            let path = try locate()
            print("EndToEndTests: testing \(path)")
            return .success(path)
        } catch let error as Failure {
            return .failure(error)
        } catch {
            return .failure(Failure("\(error)"))
        }
    }()

    /// Anchors `Bundle(for:)` to this test bundle.
    private final class BundleAnchor {}

    static func locate() throws -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["SDMGRAD_EXPLORER_BIN"], !env.isEmpty {
            guard fm.isExecutableFile(atPath: env) else {
                throw Failure("SDMGRAD_EXPLORER_BIN=\(env) is not an executable")
            }
            return env
        }
        var folders: [URL] = []
        // The running test bundle first: its folder holds the products of the same build.
        let paths: [String?] = [
            Bundle(for: BundleAnchor.self).bundlePath, Bundle.main.executablePath,
            Bundle.main.bundlePath, ProcessInfo.processInfo.arguments.first,
        ]
        for path in paths.compactMap({ $0 }) {
            folders.append(URL(fileURLWithPath: path).deletingLastPathComponent())
        }
        for argument in ProcessInfo.processInfo.arguments where argument.hasSuffix(".xctest") {
            folders.append(URL(fileURLWithPath: argument).deletingLastPathComponent())
        }
        let defaultFolder = packageRoot.appendingPathComponent(".build/debug")
        folders.append(defaultFolder)
        for folder in folders {
            let candidate = folder.appendingPathComponent("sdmgrad-explorer").path
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        // Last resort: build it.
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "sdmgrad-explorer"]
        build.currentDirectoryURL = packageRoot
        try build.run()
        build.waitUntilExit()
        let built = defaultFolder.appendingPathComponent("sdmgrad-explorer").path
        guard build.terminationStatus == 0, fm.isExecutableFile(atPath: built) else {
            throw Failure("could not find or build sdmgrad-explorer (looked in \(folders.map(\.path)))")
        }
        return built
    }

    /// What one run of the binary did.
    struct Run {
        let status: Int32
        let signaled: Bool
        let timedOut: Bool
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs the binary with `arguments` and no stdin; output goes through temporary files (no pipe
    /// deadlocks); a run longer than `timeout` seconds is terminated and marked.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> Run {
        try runProgram(try binary(), arguments, timeout: timeout)
    }

    /// Runs any program the same way, with `environment` added to this process's.
    static func runProgram(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        timeout: TimeInterval = 120
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
