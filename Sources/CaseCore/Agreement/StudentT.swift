import Foundation

/// The 97.5 % quantile of Student's t, for 95 % intervals with n − 1 degrees of freedom.
enum StudentT {
    static let normal975 = 1.959963984540054

    static func quantile975(degreesOfFreedom v: Double) -> Double {
        guard v > 0 else { return .nan }
        // For many degrees of freedom the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5)
        // is exact to double precision; below that, solve the distribution function.
        if v > 1000 {
            let z = normal975, z2 = z * z
            let g1 = (z2 + 1) * z / 4
            let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
            let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
            let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
            return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v)
        }
        // Bisection on the upper tail: P(T > t) = I_{v/(v+t²)}(v/2, 1/2) / 2.
        var lo = 0.0, hi = 1.0
        while upperTail(hi, v) > 0.025 { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if upperTail(mid, v) > 0.025 { lo = mid } else { hi = mid }
            if hi - lo < 1e-14 * hi { break }
        }
        return (lo + hi) / 2
    }

    static func upperTail(_ t: Double, _ v: Double) -> Double {
        0.5 * regularizedBeta(v / (v + t * t), v / 2, 0.5)
    }

    /// I_x(a, b) by the continued fraction (modified Lentz), using the symmetry where it converges faster.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let front = exp(logGammas + logPowers)
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
