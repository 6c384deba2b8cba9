import Testing

@testable import ClusterAPI

/// AGE text (apimachinery's `pkg/util/duration/duration_test.go` tables).
@Suite struct TableTimeTests {
  static let millisecond = 0.001
  static let minute = 60.0
  static let hour = 3600.0
  static let day = 86_400.0
  static let year = 365 * day

  /// `TestHumanDuration`.
  static let durations: [(Double, String)] = [
    (1.0, "1s"), (70.0, "70s"), (190.0, "3m10s"), (70 * minute, "70m"), (47 * hour, "47h"),
    (49 * hour, "2d1h"), ((8 * 24 + 2) * hour, "8d"), (367 * day, "367d"),
    ((365 * 2 * 24 + 25) * hour, "2y1d"), ((365 * 8 * 24 + 2) * hour, "8y"),
  ]

  @Test(arguments: durations)
  func humanDuration(_ seconds: Double, _ text: String) {
    #expect(HumanDuration.string(seconds: seconds) == text)
  }

  /// `TestHumanDurationBoundaries`.
  static let boundaries: [(Double, String)] = [
    (-2.0, "<invalid>"), (-2 + 1e-9, "0s"), (0, "0s"), (1 - millisecond, "0s"),
    (2 * minute - millisecond, "119s"), (2 * minute, "2m"), (2 * minute + 1, "2m1s"),
    (10 * minute - millisecond, "9m59s"), (10 * minute, "10m"), (10 * minute + 1, "10m"),
    (3 * hour - millisecond, "179m"), (3 * hour, "3h"), (3 * hour + minute, "3h1m"),
    (8 * hour - millisecond, "7h59m"), (8 * hour, "8h"), (8 * hour + 59 * minute, "8h"),
    (2 * day - millisecond, "47h"), (2 * day, "2d"), (2 * day + hour, "2d1h"),
    (8 * day - millisecond, "7d23h"), (8 * day, "8d"), (8 * day + 23 * hour, "8d"),
    (2 * year - millisecond, "729d"), (2 * year, "2y"), (2 * year + 23 * hour, "2y"),
    (2 * year + 23 * hour + 59 * minute, "2y"), (2 * year + day - millisecond, "2y"),
    (2 * year + day, "2y1d"), (3 * year, "3y"), (4 * year, "4y"), (5 * year, "5y"),
    (6 * year, "6y"), (7 * year, "7y"), (8 * year - millisecond, "7y364d"), (8 * year, "8y"),
    (8 * year + 364 * day, "8y"), (9 * year, "9y"),
  ]

  @Test(arguments: boundaries)
  func humanDurationBoundaries(_ seconds: Double, _ text: String) {
    #expect(HumanDuration.string(seconds: seconds) == text)
  }
}
