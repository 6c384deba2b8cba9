import Testing

@testable import Engine

/// RFC 3339 timestamps as the Kubernetes API writes them, to and from Unix seconds.
@Suite struct RFC3339Tests {
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
