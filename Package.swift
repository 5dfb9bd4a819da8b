// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sdmgrad-explorer",
    products: [
        .executable(name: "sdmgrad-explorer", targets: ["sdmgrad-explorer"]),
        .library(name: "SDMGrad", targets: ["SDMGrad"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Pure numerics: no terminal, no clock, no Foundation.
        .target(name: "SDMGrad"),
        // Pure drawing into cell buffers: testable without curses.
        .target(name: "TerminalUI"),
        // The event loop, testable without a terminal: events, commands, background jobs, backends.
        .target(name: "Runtime", dependencies: ["TerminalUI"]),
        // The app: model (inputs, view state, derived), keymap, update, view.
        .target(name: "Explorer", dependencies: ["SDMGrad", "TerminalUI", "Runtime"]),
        // The system ncursesw library and a shim for its macros.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // Every curses call lives here.
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalUI", "Runtime"]),
        // Every subcommand, by concept (Commands/, Output/, Bench/): testable in process.
        .target(
            name: "Commands",
            dependencies: [
                "SDMGrad", "Explorer", "NcursesBackend", "Runtime", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The binary: a tiny main over Commands.
        .executableTarget(name: "sdmgrad-explorer", dependencies: ["Commands"]),
        .testTarget(name: "SDMGradTests", dependencies: ["SDMGrad"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "TerminalUI"]),
        .testTarget(
            name: "ExplorerTests", dependencies: ["Explorer", "SDMGrad", "TerminalUI", "Runtime"],
            exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SDMGrad"]),
        .testTarget(
            name: "CommandsTests",
            dependencies: ["Commands", "SDMGrad", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
