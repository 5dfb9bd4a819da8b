import FuzzSupport
import SDMGrad

/// ScenarioReader.parse on arbitrary bytes; what ScenarioWriter writes must read back identical.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    if let scenario = FuzzCheck.run("ScenarioReader.parse", { try ScenarioReader.parse(bytes, fallbackName: "fuzz") }) {
        FuzzCheck.require(scenario.m > 0, "ScenarioReader.parse returned a scenario with m = 0")
        FuzzCheck.require(
            scenario.tasks.count == scenario.m,
            "ScenarioReader.parse: \(scenario.tasks.count) task names for m = \(scenario.m)")
        let text = ScenarioWriter.json(scenario)
        let again = FuzzCheck.run(
            "ScenarioReader.parse(ScenarioWriter.json)",
            {
                try ScenarioReader.parse(Array(text.utf8), fallbackName: "other")
            })
        FuzzCheck.require(
            again == scenario, "ScenarioWriter.json then ScenarioReader.parse does not give the scenario back: \(text)")
    }
    return 0
}
