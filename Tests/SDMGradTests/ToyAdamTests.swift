import Foundation
import SDMGrad
import XCTest

/// torch's Adam against the textbook algorithm computed by hand (Kingma & Ba, with torch's eps placement).
final class ToyAdamTests: XCTestCase {
    func testFirstStepMovesByLrTimesSign() {
        var adam = TorchAdam(lr: 0.002)
        var x = SIMD2<Double>(1, -1)
        adam.update(&x, gradient: SIMD2(3, -0.5))
        // m_hat = g, v_hat = g^2: the step is lr g / (|g| + eps).
        XCTAssertEqual(x.x, 1 - 0.002 * 3 / (3 + 1e-8), accuracy: 1e-16)
        XCTAssertEqual(x.y, -1 + 0.002 * 0.5 / (0.5 + 1e-8), accuracy: 1e-16)
        XCTAssertEqual(adam.step, 1)
    }

    func testThreeStepsMatchAHandComputation() {
        let gradients: [SIMD2<Double>] = [SIMD2(1, -2), SIMD2(0.5, 4), SIMD2(-3, 0.25)]
        var adam = TorchAdam(lr: 0.01)
        var x = SIMD2<Double>(0.3, -0.7)
        // By hand: m_t = b1 m + (1 - b1) g, v_t = b2 v + (1 - b2) g^2, x -= lr m_t/(1-b1^t) / (sqrt(v_t/(1-b2^t)) + eps).
        var hand = [0.3, -0.7], m = [0.0, 0.0], v = [0.0, 0.0]
        for (t, g) in gradients.enumerated() {
            adam.update(&x, gradient: g)
            let step = Double(t + 1)
            for i in 0..<2 {
                m[i] = 0.9 * m[i] + 0.1 * g[i]
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
                let mHat = m[i] / (1 - Foundation.pow(0.9, step)), vHat = v[i] / (1 - Foundation.pow(0.999, step))
                hand[i] -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
            }
            XCTAssertEqual(x.x, hand[0], accuracy: 1e-15, "step \(t + 1)")
            XCTAssertEqual(x.y, hand[1], accuracy: 1e-15, "step \(t + 1)")
            XCTAssertEqual(adam.m.x, m[0], accuracy: 1e-15)
            XCTAssertEqual(adam.v.y, v[1], accuracy: 1e-15)
        }
        // Step 2's x1, worked out on paper: m = 0.09*1 + 0.1*0.5 = 0.14, v = 0.000999*1 + 0.001*0.25 = 0.001249.
        var paper = TorchAdam(lr: 0.01)
        var p = SIMD2<Double>(0.3, -0.7)
        paper.update(&p, gradient: gradients[0])
        let afterOne = p.x
        paper.update(&p, gradient: gradients[1])
        let mHat = 0.14 / 0.19, vHat = 0.001249 / (1 - 0.998001)
        XCTAssertEqual(p.x, afterOne - 0.01 * mHat / (vHat.squareRoot() + 1e-8), accuracy: 1e-14)
    }

    func testZeroGradientLeavesThePointAlone() {
        var adam = TorchAdam(lr: 0.1)
        var x = SIMD2<Double>(2, 3)
        adam.update(&x, gradient: SIMD2(0, 0))
        XCTAssertEqual(x, SIMD2(2, 3))
    }
}
