import Simulator

/// Faults a test server injects into the API, so a client's resilience is tested against what
/// real API servers do under load and during upgrades: conflicts, internal errors, watches that
/// drop, and outages. `rollout serve --inject-faults` takes them as text:
///
///     conflicts=0.2,errors=0.05,drop-watches=3s,outage=20s+10s,agent=rollout-controller,seed=7
///
/// - `conflicts`: the share of writes answered 409 Conflict without being applied;
/// - `errors`: the share of requests answered 500 InternalError without being carried out;
/// - `drop-watches`: every watch ends after this long (as a load balancer's idle cut does);
/// - `outage=START+LENGTH`: from START after the server started, for LENGTH, every request is
///   answered 503 and every watch ends (repeatable);
/// - `forbid=VERB:RESOURCE`: RBAC refuses the verb on the resource (plural) with 403, as a real
///   API server words it (repeatable; `*` for every verb);
/// - `agent`: only requests whose User-Agent starts with this are faulted (so a test's own
///   kubectl sees the truth);
/// - `seed`: the faults' random sequence.
public struct APIFaults: Sendable, Hashable {
  public var conflicts = 0.0
  public var errors = 0.0
  public var watchLifetime: Double?
  public var outages: [Outage] = []
  public var forbidden: Set<Forbidden> = []
  public var agent: String?
  public var seed: UInt64 = 1

  /// A verb RBAC does not allow on a resource.
  public struct Forbidden: Sendable, Hashable {
    public var verb: String
    public var resource: String
  }

  public struct Outage: Sendable, Hashable {
    public var start: Double
    public var length: Double
    public var end: Double { start + length }
  }

  public init() {}

  /// Reads the text form; a bad term is named.
  public init(parsing text: String) throws(APIFaultsError) {
    for term in text.split(separator: ",") {
      let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw APIFaultsError(term: String(term)) }
      let (name, value) = (parts[0], parts[1])
      switch name {
      case "conflicts": conflicts = try Self.share(value, term)
      case "errors": errors = try Self.share(value, term)
      case "drop-watches": watchLifetime = try Self.seconds(value, term)
      case "outage":
        let window = value.split(separator: "+").map(String.init)
        guard window.count == 2 else { throw APIFaultsError(term: String(term)) }
        outages.append(
          Outage(
            start: try Self.seconds(window[0], term), length: try Self.seconds(window[1], term)))
      case "forbid":
        let rule = value.split(separator: ":").map(String.init)
        guard rule.count == 2 else { throw APIFaultsError(term: String(term)) }
        forbidden.insert(Forbidden(verb: rule[0], resource: rule[1]))
      case "agent": agent = value
      case "seed":
        guard let number = UInt64(value) else { throw APIFaultsError(term: String(term)) }
        seed = number
      default: throw APIFaultsError(term: String(term))
      }
    }
  }

  private static func share(_ text: String, _ term: Substring) throws(APIFaultsError) -> Double {
    guard let value = Double(text), (0...1).contains(value) else {
      throw APIFaultsError(term: String(term))
    }
    return value
  }

  private static func seconds(_ text: String, _ term: Substring) throws(APIFaultsError) -> Double {
    let number = text.hasSuffix("s") ? String(text.dropLast()) : text
    guard let value = Double(number), value >= 0 else { throw APIFaultsError(term: String(term)) }
    return value
  }

  /// The outage under way at `elapsed` seconds after start, if any.
  public func outage(at elapsed: Double) -> Outage? {
    outages.first { $0.start <= elapsed && elapsed < $0.end }
  }

  /// When (seconds after start) a watch opened at `elapsed` must end: its lifetime, or the
  /// next outage.
  public func watchEnd(openedAt elapsed: Double) -> Double? {
    let lifetime = watchLifetime.map { elapsed + $0 }
    let outage = outages.map(\.start).filter { $0 > elapsed }.min()
    switch (lifetime, outage) {
    case (let a?, let b?): return min(a, b)
    case (let a?, nil): return a
    case (nil, let b?): return b
    case (nil, nil): return nil
    }
  }
}

/// A term of `--inject-faults` that does not read.
public struct APIFaultsError: Error, CustomStringConvertible {
  public var term: String
  public var description: String {
    "--inject-faults: \"\(term)\" is not one of conflicts=SHARE, errors=SHARE, drop-watches=SECONDS, outage=START+LENGTH, forbid=VERB:RESOURCE, agent=PREFIX, seed=N"
  }
}

/// The faults' dice, seeded.
struct FaultDice {
  private var generator: SeededGenerator

  init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

  /// True with probability `share`.
  mutating func roll(_ share: Double) -> Bool {
    guard share > 0 else { return false }
    return Double.random(in: 0..<1, using: &generator) < share
  }
}
