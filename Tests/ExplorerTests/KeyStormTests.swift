import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// 100,000+ random key presses and resizes through update and view, on every preset, with invariants after each.
final class KeyStormTests: XCTestCase {
    /// Every key of the keymap (the step keys twice as often), plus digits, arrows for editing and noise it must ignore.
    let keys: [Key] = {
        var keys = ExplorerKeymap.main.allKeys.filter {
            ![.character("s"), .character("t"), .character("P")].contains($0)
        }  // no files written
        keys += "npnp123z!~0".map { Key.character($0) }
        keys += [.up, .down, .enter, .backspace, .delete]
        return keys
    }()

    /// 100,000 events in the optimized build the test command uses; a tenth in a debug build, which is ~10x slower.
    #if DEBUG
        let totalEvents = 10_000
    #else
        let totalEvents = 100_000
    #endif

    func testKeyStormKeepsEveryInvariant() throws {
        let eventsPerPreset = totalEvents / presetLibrary.scenarios.count + 1
        var random = SeededRandom(seed: 2026)
        var total = 0
        for (index, scenario) in presetLibrary.scenarios.enumerated() {
            var state = started(ExplorerState(scenario: scenario, presets: presetLibrary.scenarios, presetIndex: index))
            var size = (width: 120, height: 40)
            apply(.resize(width: size.width, height: size.height), to: &state)
            for event in 0..<eventsPerPreset {
                let roll = random.next() % 100
                if roll < 8 {
                    size = (Int(random.next() % 300) + 1, Int(random.next() % 100) + 1)
                    apply(.resize(width: size.width, height: size.height), to: &state)
                } else if roll < 12 {
                    tick(&state)
                } else if roll < 20 {
                    // The mouse anywhere on the frame: press, release elsewhere or on the spot, the wheel.
                    let kinds: [MouseEvent.Kind] = [.press, .release, .release, .wheelUp, .wheelDown]
                    let kind = kinds[Int(random.next() % UInt64(kinds.count))]
                    let x = Int(random.next() % UInt64(max(size.width, 1))),
                        y = Int(random.next() % UInt64(max(size.height, 1)))
                    apply(.mouse(MouseEvent(kind, x: x, y: y)), to: &state)
                } else {
                    let key = keys[Int(random.next() % UInt64(keys.count))]
                    apply(.key(key), to: &state)
                    // Quitting ends a session: start a fresh one on the same preset, as a user would.
                    if state.wantsToQuit {
                        state = started(
                            ExplorerState(scenario: scenario, presets: presetLibrary.scenarios, presetIndex: index))
                        apply(.resize(width: size.width, height: size.height), to: &state)
                    }
                }
                total += 1
                try check(state, size: size, context: "\(scenario.name) event \(event)")
            }
        }
        XCTAssertGreaterThanOrEqual(total, totalEvents)
    }

    func check(_ state: ExplorerState, size: (width: Int, height: Int), context: String) throws {
        let frame = Frame.render(state, width: size.width, height: size.height).lines()
        guard frame.count == size.height else { return XCTFail("\(context): \(frame.count) rows, not \(size.height)") }
        for row in frame where displayWidth(of: row) != size.width {
            return XCTFail("\(context): a row is \(displayWidth(of: row)) columns, not \(size.width)")
        }
        let p = state.parameters
        guard p.lambda >= 0, p.lr > 0, p.momentum >= 0, p.momentum < 1, p.iters >= 1 else {
            return XCTFail("\(context): parameters out of range \(p)")
        }
        guard (0...p.iters).contains(state.iteration) else {
            return XCTFail("\(context): iteration \(state.iteration)")
        }
        if let w = state.shownW {
            if w.allSatisfy(\.isFinite) {
                // w = max(y - tau, 0) rounds like y: at lr 30, momentum 0.99, |y| reaches 1e4 and the sum drifts by ~1e-12.
                let y = state.iteration > 0 ? state.trace?.steps[state.iteration - 1].y ?? [] : []
                let tolerance = 1e-12 * max(1, y.map(abs).max() ?? 1)
                guard abs(w.reduce(0, +) - 1) <= tolerance, w.allSatisfy({ $0 >= 0 }) else {
                    return XCTFail("\(context): w off the simplex \(w)")
                }
            } else if size.width >= Frame.minimumWidth && size.height >= Frame.minimumHeight {
                guard frame.joined().contains("diverged") || frame.joined().contains("overflow") else {
                    return XCTFail("\(context): non-finite w not marked on screen")
                }
            }
        }
        // No number on screen is a bare NaN or infinity: only the explicit labels may say so.
        for row in frame where hasUnlabelledNonFinite(row) {
            return XCTFail("\(context): an unlabelled NaN or infinity on screen: \(row)")
        }
    }
}
