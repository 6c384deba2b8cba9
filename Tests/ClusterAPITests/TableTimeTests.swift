import Testing

@testable import ClusterAPI

/// AGE text (apimachinery's `pkg/util/duration/duration_test.go` tables) and RFC 3339
/// timestamps.
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

  /// Timestamps and their seconds since the epoch, both ways.
  @Test(arguments: [
    ("1970-01-01T00:00:00Z", 0.0),
    ("2026-11-29T20:15:00Z", 1_795_983_300),
    ("2000-02-29T12:00:00Z", 951_825_600),
    ("1969-12-31T23:59:59Z", -1),
    ("2038-01-19T03:14:08Z", 2_147_483_648),
    ("0001-01-01T00:00:00Z", -62_135_596_800),
    ("9999-12-31T23:59:59Z", 253_402_300_799),
  ])
  func timestampsConvertBothWays(_ text: String, _ seconds: Double) {
    #expect(RFC3339.parse(text) == seconds)
    #expect(RFC3339.format(seconds) == text)
  }

  /// Other forms Kubernetes and clients write.
  @Test(arguments: [
    ("2026-11-29T20:15:00.5Z", 1_795_983_300.5),
    ("2026-11-29T20:15:00.000000Z", 1_795_983_300),
    ("2026-11-29T21:15:00+01:00", 1_795_983_300),
    ("2026-11-29T15:15:00-05:00", 1_795_983_300),
  ])
  func fractionsAndOffsetsAreRead(_ text: String, _ seconds: Double) {
    #expect(RFC3339.parse(text) == seconds)
  }

  @Test(arguments: [
    "", "2026-11-29", "2026-11-29T20:15:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-29T24:00:00Z",
    "2026-11-29T20:60:00Z", "2026-11-29T20:15:00.Z", "2026-11-29T20:15:00Zjunk",
    "2026-11-29 20:15:00Z", "26-11-29T20:15:00Z",
  ])
  func nonTimestampsAreRefused(_ text: String) {
    #expect(RFC3339.parse(text) == nil)
  }

  @Test func fractionsAreDroppedOrKeptToTheMicrosecond() {
    #expect(RFC3339.format(1_795_983_300.999) == "2026-11-29T20:15:00Z")
    #expect(RFC3339.format(-0.5) == "1969-12-31T23:59:59Z")
    #expect(RFC3339.formatMicro(1_795_983_300.25) == "2026-11-29T20:15:00.250000Z")
    #expect(RFC3339.formatMicro(0) == "1970-01-01T00:00:00.000000Z")
  }

  /// Every day of four centuries survives a round trip through the calendar arithmetic.
  @Test func calendarArithmeticRoundTrips() {
    let start = RFC3339.daysSinceEpoch(year: 1900, month: 1, day: 1)
    let end = RFC3339.daysSinceEpoch(year: 2300, month: 1, day: 1)
    #expect(end - start == 146_097)
    let broken = (start..<end).filter { days in
      let date = RFC3339.civilDate(daysSinceEpoch: days)
      return RFC3339.daysSinceEpoch(year: date.year, month: date.month, day: date.day) != days
    }
    #expect(broken.isEmpty)
  }
}
