// swift-tools-version:5.4
// libFuzzer targets for the SDMGrad readers. Build and run with ./run.sh (see the comment at its top);
// the sanitizer flags are passed on the command line so that SDMGrad itself is instrumented too.
import PackageDescription

let sdmgrad: Target.Dependency = .product(name: "SDMGrad", package: "sdmgrad-explorer")

let fuzzTargets = ["fuzz-json", "fuzz-csv", "fuzz-npy", "fuzz-scenario", "fuzz-matrix", "fuzz-runfolder"]

let package = Package(
    name: "sdmgrad-fuzz",
    dependencies: [
        // Only the SDMGrad library product is used (ArgumentParser is never built here).
        .package(name: "sdmgrad-explorer", path: "../..")
    ],
    targets: [
        // The checks every fuzz target applies to a reader's outcome.
        .target(name: "FuzzSupport", dependencies: [sdmgrad])
    ]
        + fuzzTargets.map { name in
            .executableTarget(name: name, dependencies: ["FuzzSupport", sdmgrad])
        }
)
