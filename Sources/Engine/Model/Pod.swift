/// A pod as the engine sees it: owned by a ReplicaSet, Ready or not, perhaps terminating.
public struct Pod: Sendable, Hashable, Codable {
  public var apiVersion: String = "v1"
  public var kind: String = "Pod"
  public var metadata: ObjectMeta
  public var spec: PodSpecSummary
  public var status: PodStatus

  public init(metadata: ObjectMeta, spec: PodSpecSummary, status: PodStatus = PodStatus()) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  public var isTerminating: Bool { metadata.deletionTimestamp != nil }

  /// Available as Kubernetes defines it: Ready for at least `minReadySeconds` at `now`.
  public func isAvailable(minReadySeconds: Int, now: Double) -> Bool {
    guard !isTerminating, status.ready, let since = status.readySince else { return false }
    return minReadySeconds == 0 || since + Double(minReadySeconds) <= now
  }
}

/// The part of a pod spec the engine reads: its images.
public struct PodSpecSummary: Sendable, Hashable, Codable {
  public var images: [String]

  public init(images: [String]) { self.images = images }
}

/// Pod phase and readiness.
public struct PodStatus: Sendable, Hashable, Codable {
  public var phase: Phase
  /// The Ready condition.
  public var ready: Bool
  /// When Ready last became true.
  public var readySince: Double?
  /// Container restarts (the simulator counts crashes here).
  public var restartCount: Int

  public init(phase: Phase = .pending, ready: Bool = false, readySince: Double? = nil) {
    self.phase = phase
    self.ready = ready
    self.readySince = readySince
    self.restartCount = 0
  }

  public enum Phase: String, Sendable, Hashable, Codable {
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
  }
}
