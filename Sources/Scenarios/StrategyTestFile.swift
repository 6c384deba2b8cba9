import Engine
import Manifests
import Simulator

/// A strategy's test file (`canary_test.yaml` beside `canary.lua`), as Argo CD keeps
/// `health_test.yaml` beside `health.lua`: cases that each check one decision on a snapshot, or
/// one whole rollout on the simulated cluster. `StrategyTestFile.parse` reads it; the format is
/// documented there.
public struct StrategyTestFile: Sendable {
  /// The file, as the user named it.
  public var path: String
  /// The strategy the file names (`strategy:`); nil means the `.lua` beside the file.
  public var strategy: String?
  public var cases: [StrategyTestCase]

  public init(path: String, strategy: String?, cases: [StrategyTestCase]) {
    self.path = path
    self.strategy = strategy
    self.cases = cases
  }
}

/// One case of a test file.
public struct StrategyTestCase: Sendable {
  public enum Kind: Sendable {
    /// One strategy step on a snapshot, and the decision expected.
    case decision(DecisionCase)
    /// A whole rollout on the simulated cluster, and how it must go.
    case scenario(Scenario)
  }

  public var name: String
  public var kind: Kind

  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }
}

/// One strategy step on a snapshot, and what the decision must be.
public struct DecisionCase: Sendable {
  public var snapshot: StrategySnapshot
  public var expect: DecisionExpectation

  public init(snapshot: StrategySnapshot, expect: DecisionExpectation) {
    self.snapshot = snapshot
    self.expect = expect
  }
}

/// What a decision must be; nil fields are not checked.
public struct DecisionExpectation: Sendable, Hashable {
  /// The final size of every ReplicaSet the decision scales (exactly these, no others).
  public var scale: [String: Int]?
  /// `.some(nil)`: no pause; `.some(pause)`: this reason (and these seconds, when given).
  public var pause: ExpectedPause??
  public var complete: Bool?
  /// A substring of the decision's message.
  public var message: String?
  /// A subset of the state the decision persists.
  public var state: JSONValue?
  public var weight: Int?
  /// The step fails (script error or refused decision) with a message containing this.
  public var error: String?
  /// The labels of the analysis runs the decision starts, in order.
  public var analyze: [String]?
  /// The labels of the runs the decision stops.
  public var stopAnalysis: [String]?
  /// `.some(nil)`: no abort; `.some(text)`: an abort whose message contains `text`.
  public var abort: String??

  public init() {}

  /// A pause the decision must ask for.
  public struct ExpectedPause: Sendable, Hashable {
    public var reason: String
    /// Nil: not checked. Use `untilPromoted` for a pause that must wait for an operator.
    public var seconds: Double?
    public var untilPromoted: Bool

    public init(reason: String, seconds: Double? = nil, untilPromoted: Bool = false) {
      self.reason = reason
      self.seconds = seconds
      self.untilPromoted = untilPromoted
    }
  }
}
