import Engine
import Testing

struct DurationsTests {
  struct ParseCase: Sendable, CustomTestStringConvertible {
    let text: String
    /// nil: an error is expected.
    let seconds: Double?
    var testDescription: String { text.isEmpty ? "<empty>" : text }
  }

  static let parseCases: [ParseCase] = [
    .init(text: "500ms", seconds: 0.5), .init(text: "2s", seconds: 2),
    .init(text: "10m", seconds: 600), .init(text: "1h", seconds: 3600),
    .init(text: "1h30m", seconds: 5400), .init(text: "1m30s", seconds: 90),
    .init(text: "1.5s", seconds: 1.5), .init(text: "90", seconds: 90),
    .init(text: "0", seconds: 0), .init(text: "2.5", seconds: 2.5),
    .init(text: "1500us", seconds: 0.0015), .init(text: "+5s", seconds: 5),
    .init(text: "", seconds: nil), .init(text: "abc", seconds: nil),
    .init(text: "5", seconds: 5), .init(text: "5x", seconds: nil),
    .init(text: "1h30", seconds: nil), .init(text: "-5s", seconds: nil),
    .init(text: "s", seconds: nil),
  ]

  @Test(arguments: parseCases)
  func parse(_ c: ParseCase) {
    let got = try? parseDuration(c.text)
    if let expected = c.seconds, let got {
      #expect(abs(got - expected) < 1e-9)
    } else {
      #expect(got == c.seconds)
    }
  }

  @Test func errorNamesTheTextAndTheProblem() {
    #expect(throws: DurationError.self) { try parseDuration("10 minutes") }
    do {
      _ = try parseDuration("5x")
    } catch {
      #expect(error.description.contains("\"5x\""))
      #expect(error.description.contains("unknown unit \"x\""))
    }
  }

  struct FormatCase: Sendable, CustomTestStringConvertible {
    let seconds: Double
    let text: String
    var testDescription: String { text }
  }

  static let formatCases: [FormatCase] = [
    .init(seconds: 90, text: "1m30s"), .init(seconds: 45, text: "45s"),
    .init(seconds: 7200, text: "2h0m0s"), .init(seconds: 5400, text: "1h30m0s"),
    .init(seconds: 0, text: "0s"), .init(seconds: 0.5, text: "500ms"),
    .init(seconds: 1.5, text: "1.5s"), .init(seconds: 600, text: "10m0s"),
  ]

  @Test(arguments: formatCases)
  func format(_ c: FormatCase) {
    #expect(formatDuration(c.seconds) == c.text)
  }

  @Test(arguments: [0.5, 2, 90, 3600, 5400, 7261.25])
  func roundTrips(_ seconds: Double) throws {
    #expect(try parseDuration(formatDuration(seconds)) == seconds)
  }
}
