import Engine

/// How the simulated cluster's kubelets behave: how long pods take to become ready and to
/// terminate, the random jitter and its seed, and per-image faults.
///
/// Settings apply to pods created (or deleted, for `terminateAfter`) after they are set, so
/// each CLI invocation may pass new timing without rewriting the past.
public struct SimulationSettings: Sendable, Codable, Hashable {
  /// Seconds from a pod's creation until it is Running and Ready.
  public var readyAfter: Double
  /// Seconds a deleted pod stays terminating before it is gone (0: gone at once).
  public var terminateAfter: Double
  /// Each pod's readiness is delayed by a uniform random amount in `[0, readyJitter)`.
  public var readyJitter: Double
  /// Seeds the simulator's random generator (pod names, jitter). Used when a cluster is made;
  /// a restored cluster continues its saved generator.
  public var seed: UInt64
  /// Per-image behaviour, first matching rule wins for each container image.
  public var imageRules: [ImageRule]
  /// Simulated metric values per image, first matching rule of a name wins.
  public var metricRules: [MetricRule] = []

  public init(
    readyAfter: Double = 2, terminateAfter: Double = 0, readyJitter: Double = 0,
    seed: UInt64 = 0, imageRules: [ImageRule] = []
  ) {
    self.readyAfter = readyAfter
    self.terminateAfter = terminateAfter
    self.readyJitter = readyJitter
    self.seed = seed
    self.imageRules = imageRules
  }

  private enum CodingKeys: String, CodingKey {
    case readyAfter, terminateAfter, readyJitter, seed, imageRules, metricRules
  }

  /// Decodes settings, taking the default for every missing field.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = SimulationSettings()
    readyAfter =
      try container.decodeIfPresent(Double.self, forKey: .readyAfter)
      ?? defaults.readyAfter
    terminateAfter =
      try container.decodeIfPresent(Double.self, forKey: .terminateAfter)
      ?? defaults.terminateAfter
    readyJitter =
      try container.decodeIfPresent(Double.self, forKey: .readyJitter)
      ?? defaults.readyJitter
    seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
    imageRules = try container.decodeIfPresent([ImageRule].self, forKey: .imageRules) ?? []
    metricRules = try container.decodeIfPresent([MetricRule].self, forKey: .metricRules) ?? []
  }

  /// What the kubelet does with a pod running `images`: a `.neverReady` rule on any image wins;
  /// otherwise the pod is ready after the longest of its images' delays and crashes after the
  /// shortest crash delay, if any.
  public func podBehaviour(images: [String]) -> PodBehaviour {
    var readyDelay = readyAfter
    var crashDelay: Double?
    for image in images {
      guard let rule = imageRules.first(where: { $0.matches(image: image) }) else { continue }
      switch rule.behaviour {
      case .neverReady: return PodBehaviour(readyAfter: nil, crashAfter: nil)
      case .readyAfter(let seconds): readyDelay = max(readyDelay, seconds)
      case .crashAfter(let seconds): crashDelay = min(crashDelay ?? seconds, seconds)
      }
    }
    return PodBehaviour(readyAfter: readyDelay, crashAfter: crashDelay)
  }

  /// The timing of one pod, resolved from the settings and its images.
  public struct PodBehaviour: Sendable, Hashable {
    /// Seconds from creation to Ready (before jitter); nil when it never becomes ready.
    public var readyAfter: Double?
    /// Seconds from Ready to a crash; nil when it does not crash.
    public var crashAfter: Double?
  }
}
