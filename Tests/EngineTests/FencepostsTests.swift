import Engine
import Testing

/// Ports of TestResolveFenceposts, TestMaxUnavailable, TestMinAvailable
/// (deployment_util_test.go) and TestGetValueFromIntOrPercent (intstr_test.go).
struct FencepostsTests {
  struct ResolveCase: Sendable, CustomTestStringConvertible {
    let name: String
    let maxSurge: IntOrString?
    let maxUnavailable: IntOrString?
    let replicas: Int
    /// nil: an error naming `failingField` is expected.
    let expected: Fenceposts?
    var failingField: String? = nil
    var testDescription: String { name }
  }

  static let resolveCases: [ResolveCase] = [
    .init(
      name: "0%/0% of 0 → unavailable 1", maxSurge: .string("0%"), maxUnavailable: .string("0%"),
      replicas: 0, expected: .init(maxSurge: 0, maxUnavailable: 1)),
    .init(
      name: "39%/39% of 10 → surge up 4, unavailable down 3", maxSurge: .string("39%"),
      maxUnavailable: .string("39%"), replicas: 10, expected: .init(maxSurge: 4, maxUnavailable: 3)),
    .init(
      name: "bad surge oops", maxSurge: .string("oops"), maxUnavailable: .string("39%"),
      replicas: 10, expected: nil, failingField: "maxSurge"),
    .init(
      name: "bad unavailable urg", maxSurge: .string("55%"), maxUnavailable: .string("urg"),
      replicas: 10, expected: nil, failingField: "maxUnavailable"),
    // Upstream resolves a nil fencepost to 0 because the API server defaulted it before; this
    // engine applies the API default (25%) itself.
    .init(
      name: "nil surge defaults to 25% (3 of 10)", maxSurge: nil, maxUnavailable: .string("39%"),
      replicas: 10, expected: .init(maxSurge: 3, maxUnavailable: 3)),
    .init(
      name: "nil unavailable defaults to 25% (2 of 10)", maxSurge: .string("39%"),
      maxUnavailable: nil, replicas: 10, expected: .init(maxSurge: 4, maxUnavailable: 2)),
    .init(
      name: "both nil: 25%/25% of 10", maxSurge: nil, maxUnavailable: nil, replicas: 10,
      expected: .init(maxSurge: 3, maxUnavailable: 2)),
    .init(
      name: "both nil: 25%/25% of 1 → 1/0", maxSurge: nil, maxUnavailable: nil, replicas: 1,
      expected: .init(maxSurge: 1, maxUnavailable: 0)),
    .init(
      name: "0/0 of 10 → unavailable 1", maxSurge: .int(0), maxUnavailable: .int(0), replicas: 10,
      expected: .init(maxSurge: 0, maxUnavailable: 1)),
    .init(
      name: "ints taken as is", maxSurge: .int(2), maxUnavailable: .int(5), replicas: 3,
      expected: .init(maxSurge: 2, maxUnavailable: 5)),
    .init(
      name: "abc refused", maxSurge: .string("abc"), maxUnavailable: nil, replicas: 3,
      expected: nil, failingField: "maxSurge"),
    .init(
      name: "-5% refused", maxSurge: nil, maxUnavailable: .string("-5%"), replicas: 3,
      expected: nil, failingField: "maxUnavailable"),
    .init(
      name: "-1 refused", maxSurge: .int(-1), maxUnavailable: nil, replicas: 3, expected: nil,
      failingField: "maxSurge"),
    .init(
      name: "bare numeric string refused", maxSurge: .string("3"), maxUnavailable: nil,
      replicas: 3, expected: nil, failingField: "maxSurge"),
  ]

  @Test(arguments: resolveCases)
  func resolveFenceposts(_ c: ResolveCase) {
    do {
      let got = try Engine.resolveFenceposts(
        maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable, replicas: c.replicas)
      #expect(got == c.expected)
    } catch {
      #expect(c.expected == nil, "unexpected error \(error)")
      #expect(error.field == c.failingField)
      #expect(error.description.hasPrefix("\(c.failingField ?? "?"): invalid value"))
    }
  }

  struct DeploymentCase: Sendable, CustomTestStringConvertible {
    let name: String
    let deployment: Deployment
    let expected: Int
    var testDescription: String { name }
  }

  static func deployment(_ replicas: Int, maxUnavailable: IntOrString) -> Deployment {
    UtilFixtures.deployment(replicas: replicas, maxSurge: .int(1), maxUnavailable: maxUnavailable)
  }

  static let recreate = UtilFixtures.deployment(
    replicas: 10, type: DeploymentStrategy.recreateType)

  static let maxUnavailableCases: [DeploymentCase] = [
    .init(
      name: "less than replicas", deployment: deployment(10, maxUnavailable: .int(5)), expected: 5),
    .init(
      name: "equal replicas", deployment: deployment(10, maxUnavailable: .int(10)), expected: 10),
    .init(
      name: "greater than replicas", deployment: deployment(5, maxUnavailable: .int(10)),
      expected: 5),
    .init(name: "replicas is 0", deployment: deployment(0, maxUnavailable: .int(10)), expected: 0),
    .init(name: "Recreate strategy", deployment: recreate, expected: 0),
    .init(
      name: "less than replicas with percents",
      deployment: deployment(10, maxUnavailable: .string("50%")), expected: 5),
    .init(
      name: "equal replicas with percents",
      deployment: deployment(10, maxUnavailable: .string("100%")), expected: 10),
    .init(
      name: "greater than replicas with percents",
      deployment: deployment(5, maxUnavailable: .string("100%")), expected: 5),
  ]

  @Test(arguments: maxUnavailableCases)
  func maxUnavailable(_ c: DeploymentCase) {
    #expect(Engine.maxUnavailable(c.deployment) == c.expected)
  }

  static let minAvailableCases: [DeploymentCase] = [
    .init(
      name: "replicas greater than maxUnavailable",
      deployment: deployment(10, maxUnavailable: .int(5)), expected: 5),
    .init(
      name: "replicas equal maxUnavailable", deployment: deployment(10, maxUnavailable: .int(10)),
      expected: 0),
    .init(
      name: "replicas less than maxUnavailable",
      deployment: deployment(5, maxUnavailable: .int(10)), expected: 0),
    .init(name: "replicas is 0", deployment: deployment(0, maxUnavailable: .int(10)), expected: 0),
    .init(name: "Recreate strategy", deployment: recreate, expected: 0),
    .init(
      name: "replicas greater than maxUnavailable with percents",
      deployment: deployment(10, maxUnavailable: .string("60%")), expected: 4),
    .init(
      name: "replicas equal maxUnavailable with percents",
      deployment: deployment(10, maxUnavailable: .string("100%")), expected: 0),
    .init(
      name: "replicas less than maxUnavailable with percents",
      deployment: deployment(5, maxUnavailable: .string("100%")), expected: 0),
  ]

  @Test(arguments: minAvailableCases)
  func minAvailable(_ c: DeploymentCase) {
    #expect(Engine.minAvailable(c.deployment) == c.expected)
  }

  struct ScaledCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: IntOrString
    var total = 0
    var roundUp = false
    /// nil: an error is expected.
    let expected: Int?
    var testDescription: String { name }
  }

  static let scaledCases: [ScaledCase] = [
    .init(name: "int 123", input: .int(123), expected: 123),
    .init(name: "90% of 100 up", input: .string("90%"), total: 100, roundUp: true, expected: 90),
    .init(name: "90% of 95 up", input: .string("90%"), total: 95, roundUp: true, expected: 86),
    .init(name: "90% of 95 down", input: .string("90%"), total: 95, roundUp: false, expected: 85),
    .init(name: "bare %", input: .string("%"), expected: nil),
    .init(name: "90#", input: .string("90#"), expected: nil),
    .init(name: "#%", input: .string("#%"), expected: nil),
    .init(name: "string without %", input: .string("90"), expected: nil),
    .init(name: "25% of 10 up", input: .string("25%"), total: 10, roundUp: true, expected: 3),
    .init(name: "25% of 10 down", input: .string("25%"), total: 10, roundUp: false, expected: 2),
  ]

  @Test(arguments: scaledCases)
  func scaledValue(_ c: ScaledCase) {
    let got = try? Engine.scaledValue(c.input, total: c.total, roundUp: c.roundUp)
    #expect(got == c.expected)
  }
}
