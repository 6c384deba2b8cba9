import Engine

/// The simulated kubelets: each pod's life from Pending to Ready (and available), perhaps to
/// a crash, and from terminating to gone. Every transition is an event in the queue; each pod
/// keeps its own schedule, against which a queued event is checked when it comes up.
extension SimulatedCluster {
  /// Whether a queued event still applies to its pod.
  func isLive(_ event: ScheduledEvent) -> Bool {
    guard let record = pods[event.pod] else { return false }
    switch event.action {
    case .ready:
      return !record.isTerminating && !record.isReady && !record.crashed
        && record.readyAt == event.time
    case .available:
      return !record.isTerminating && record.isReady && !record.available
        && record.availableAt == event.time
    case .crash:
      return !record.isTerminating && record.isReady && !record.crashed
        && record.crashAt == event.time
    case .gone:
      return record.isTerminating && record.goneAt == event.time
    }
  }

  /// Applies a due event, if it still applies.
  func apply(_ event: ScheduledEvent) {
    guard isLive(event) else { return }
    switch event.action {
    case .ready: becomeReady(event.pod)
    case .available: becomeAvailable(event.pod)
    case .crash: crash(event.pod)
    case .gone: removePod(event.pod, change: .gone)
    }
  }

  /// Schedules a new pod's start according to the settings and its images.
  func startPod(_ serial: Int, behaviour: SimulationSettings.PodBehaviour) {
    guard let readyAfter = behaviour.readyAfter else { return }
    var delay = readyAfter
    if settings.readyJitter > 0 { delay += generator.nextUnit() * settings.readyJitter }
    let readyAt = now + delay
    pods[serial]!.readyAt = readyAt
    pods[serial]!.crashAfter = behaviour.crashAfter
    queue.schedule(.ready, pod: serial, at: readyAt)
  }

  private func owner(of serial: Int) -> ReplicaSetState? {
    pods[serial]?.owner.flatMap { replicaSets[$0] }
  }

  private func becomeReady(_ serial: Int) {
    let owner = owner(of: serial)
    let minReady = Double(owner?.object.spec.minReadySeconds ?? 0)
    let (key, crashAt): (ObjectKey, Double?) = modifyPod(serial) { record in
      record.pod.status.phase = .running
      record.pod.status.ready = true
      record.pod.status.readySince = now
      record.pod.metadata.resourceVersion = nextResourceVersion(touching: Pod.kind, record.pod.key)
      if minReady <= 0 {
        record.available = true
        record.availableAt = now
      } else {
        record.availableAt = now + minReady
      }
      return (record.pod.key, record.crashAt)
    }
    if let owner {
      owner.ready += 1
      owner.readyPods.insert(serial)
      if minReady <= 0 { owner.available += 1 }
      compactIndexes(of: owner)
      staleStatuses.append(owner.serial)
    }
    if minReady > 0 { queue.schedule(.available, pod: serial, at: now + minReady) }
    if let crashAt { queue.schedule(.crash, pod: serial, at: crashAt) }
    changes.record(.ready, pod: serial, key: key, owner: owner)
  }

  private func becomeAvailable(_ serial: Int) {
    let owner = owner(of: serial)
    pods[serial]!.available = true
    if let owner {
      owner.available += 1
      staleStatuses.append(owner.serial)
    }
    changes.record(.available, pod: serial, key: pods[serial]!.pod.key, owner: owner)
  }

  private func crash(_ serial: Int) {
    let owner = owner(of: serial)
    let (key, wasAvailable): (ObjectKey, Bool) = modifyPod(serial) { record in
      let wasAvailable = record.available
      record.crashed = true
      record.available = false
      record.pod.status.ready = false
      record.pod.status.readySince = nil
      record.pod.status.restartCount += 1
      record.pod.metadata.resourceVersion = nextResourceVersion(touching: Pod.kind, record.pod.key)
      return (record.pod.key, wasAvailable)
    }
    if let owner {
      owner.ready -= 1
      if wasAvailable { owner.available -= 1 }
      owner.notReadyPods.insert(serial)
      compactIndexes(of: owner)
      staleStatuses.append(owner.serial)
    }
    changes.record(.crashed, pod: serial, key: key, owner: owner)
  }

  /// Starts deleting a pod: it stops counting as live at once and is gone after
  /// `terminateAfter` (at once when 0). Returns the change to report.
  @discardableResult
  func terminatePod(_ serial: Int) -> PodChange? {
    guard let record = pods[serial], !record.isTerminating else { return nil }
    let owner = owner(of: serial)
    if let owner {
      owner.live -= 1
      if record.isReady { owner.ready -= 1 }
      if record.available { owner.available -= 1 }
      staleStatuses.append(owner.serial)
    }
    guard settings.terminateAfter > 0 else {
      removePod(serial, change: nil)
      return .deleted
    }
    let goneAt = now + settings.terminateAfter
    modifyPod(serial) { record in
      record.pod.metadata.deletionTimestamp = now
      record.pod.metadata.resourceVersion = nextResourceVersion(touching: Pod.kind, record.pod.key)
      record.goneAt = goneAt
    }
    owner?.terminating += 1
    queue.schedule(.gone, pod: serial, at: goneAt)
    return .terminating
  }

  /// Forgets a pod; a terminating one stops counting as terminating.
  func removePod(_ serial: Int, change: PodChange?) {
    guard let record = pods.removeValue(forKey: serial) else { return }
    podSerials[record.pod.key] = nil
    touch(Pod.kind, record.pod.key)
    let owner = record.owner.flatMap { replicaSets[$0] }
    if let owner, record.isTerminating {
      owner.terminating -= 1
      staleStatuses.append(owner.serial)
    }
    if let change { changes.record(change, pod: serial, key: record.pod.key, owner: owner) }
  }

  func modifyPod<Result>(_ serial: Int, _ body: (inout PodRecord) -> Result) -> Result {
    body(&pods[serial]!)
  }

  /// Re-evaluates availability of a ReplicaSet's ready pods after its `minReadySeconds`
  /// changed: pods no longer available lose it now, the others get a new availability event.
  func minReadySecondsChanged(_ state: ReplicaSetState) {
    let minReady = Double(state.object.spec.minReadySeconds ?? 0)
    for serial in livePods(of: state, ready: true) {
      guard let since = pods[serial]?.pod.status.readySince else { continue }
      let availableAt = since + minReady
      let wasAvailable = pods[serial]!.available
      pods[serial]!.availableAt = availableAt
      if availableAt > now {
        if wasAvailable {
          pods[serial]!.available = false
          state.available -= 1
        }
        queue.schedule(.available, pod: serial, at: availableAt)
      } else if !wasAvailable {
        pods[serial]!.availableAt = now
        queue.schedule(.available, pod: serial, at: now)
      }
    }
    staleStatuses.append(state.serial)
  }
}
