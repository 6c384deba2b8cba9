import Engine
import Manifests
import Simulator

/// Collects a scenario's trace and samples while it runs.
final class ScenarioRecorder {
  let cluster: any ClusterBackend
  let key: ObjectKey
  let settings: SimulationSettings
  let activeService: String?
  /// Off while the starting manifest rolls out: only the update is recorded.
  var recording = false
  private(set) var trace: [TraceEntry] = []
  private(set) var samples: [ScenarioSample] = []
  /// The Deployment just before the update was applied (not one of `samples`).
  private(set) var baseline: ScenarioSample?

  init(
    cluster: any ClusterBackend, key: ObjectKey, settings: SimulationSettings, promise: PodPromise
  ) {
    self.cluster = cluster
    self.key = key
    self.settings = settings
    if case .blueGreen(let service) = promise {
      activeService = service
    } else {
      activeService = nil
    }
  }

  func record(_ kind: TraceEntry.Kind) {
    guard recording else { return }
    trace.append(TraceEntry(time: cluster.now, kind: kind))
  }

  /// Samples the Deployment and its ReplicaSets now.
  func sample(settled: Bool) {
    guard recording, let sample = makeSample(settled: settled) else { return }
    // Every sample is kept, several at one instant too: a peak between two passes counts.
    samples.append(sample)
  }

  /// Samples the Deployment as it is before the update: what the first sample after it is
  /// compared with.
  func sampleBaseline() {
    baseline = makeSample(settled: true)
  }

  private func makeSample(settled: Bool) -> ScenarioSample? {
    guard let deployment = cluster.get(Deployment.self, key) else { return nil }
    let owned = ownedReplicaSets()
    let state = RolloutState.read(from: deployment)
    let images = deployment.spec.template.images
    return ScenarioSample(
      time: cluster.now, settled: settled, replicas: deployment.replicas,
      fenceposts: (try? deployment.strategyFenceposts())
        ?? Fenceposts(maxSurge: 0, maxUnavailable: 0),
      replicaSets: owned.map {
        ReplicaSetSample(
          name: $0.metadata.name, revision: $0.revision, desired: $0.replicas,
          current: $0.currentReplicas, terminating: $0.terminatingReplicas,
          ready: $0.readyReplicas, available: $0.availableReplicas,
          images: $0.spec.template.images)
      },
      phase: state.phase, reason: state.reason, weight: state.actualWeight ?? state.desiredWeight,
      step: state.step, paused: deployment.spec.isPaused || state.pause != nil,
      activeAvailable: activeAvailable(owned),
      newVersionFaulty: images.contains { image in
        settings.imageRules.contains { $0.matches(image: image) }
      })
  }

  /// The Deployment's ReplicaSets, oldest revision first.
  func ownedReplicaSets() -> [ReplicaSet] {
    guard let deployment = cluster.get(Deployment.self, key) else { return [] }
    return cluster.replicaSets(controlledBy: deployment)
      .sorted { ($0.revision, $0.metadata.name) < ($1.revision, $1.metadata.name) }
  }

  /// Available pods behind the active Service: of the ReplicaSet it pins, or of all when it
  /// pins none.
  private func activeAvailable(_ owned: [ReplicaSet]) -> Int? {
    guard let activeService,
      let service = cluster.get(Service.self, ObjectKey(key.namespace, activeService))
    else { return nil }
    guard let hash = service.pinnedHash else {
      return owned.reduce(0) { $0 + $1.availableReplicas }
    }
    return owned.first { $0.podTemplateHash == hash }?.availableReplicas ?? 0
  }
}
