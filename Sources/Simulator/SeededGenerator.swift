import Engine

/// A small, fast, seedable random number generator (SplitMix64) whose whole state is one
/// `UInt64`, so a simulation can be saved and resumed with exactly the same future.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Codable, Hashable {
  /// The generator state; advancing it is the only thing `next()` does.
  public private(set) var state: UInt64

  /// A generator whose sequence is determined by `seed`.
  public init(seed: UInt64) {
    self.state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform value in `[0, 1)`.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound` (`bound` > 0).
  public mutating func nextIndex(below bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }
}
