import Engine
import HeapModule

/// The cluster's own ReplicaSet controller: keeps `spec.replicas` live pods for each
/// ReplicaSet, creating them from the template or deleting the least valuable ones (not ready
/// before ready, then newest first), all at the current instant.
extension SimulatedCluster {
  /// The alphabet Kubernetes uses for generated name suffixes.
  private static let suffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

  /// Brings one ReplicaSet's live pods to `spec.replicas` and records the generation seen.
  func reconcile(replicaSet serial: Int) {
    guard let state = replicaSets[serial] else { return }
    let desired = max(0, state.object.spec.replicas ?? 0)
    if state.live < desired {
      createPods(desired - state.live, for: state)
    } else if state.live > desired {
      deletePods(state.live - desired, of: state)
    }
    let generation = state.object.metadata.generation
    if state.object.status?.observedGeneration != generation {
      var status = state.object.status ?? ReplicaSetStatus()
      status.observedGeneration = generation
      state.object.status = status
      state.object.metadata.resourceVersion = nextResourceVersion(
        touching: ReplicaSet.kind, state.key)
    }
    staleStatuses.append(serial)
  }

  private func createPods(_ count: Int, for state: ReplicaSetState) {
    let template = state.object.spec.template
    let namespace = state.object.metadata.effectiveNamespace
    let labels = template.metadata?.labels
    let annotations = template.metadata?.annotations
    let owners = [
      OwnerReference(
        apiVersion: "apps/v1", kind: ReplicaSet.kind, name: state.object.metadata.name,
        uid: state.object.metadata.uid)
    ]
    let spec = PodSpecSummary(images: template.images)
    let behaviour = settings.podBehaviour(images: spec.images)
    for _ in 0..<count {
      let key = uniquePodKey(namespace: namespace, prefix: state.object.metadata.name)
      var meta = ObjectMeta(
        name: key.name, namespace: namespace, labels: labels, annotations: annotations)
      meta.ownerReferences = owners
      let serial = insertPod(Pod(metadata: meta, spec: spec), owner: state)
      startPod(serial, behaviour: behaviour)
      changes.record(.created, pod: serial, key: key, owner: state)
    }
    compactIndexes(of: state)
  }

  /// Stores a new pod (stamped with uid, times and resourceVersion) and counts it as live and
  /// not ready for `owner`. Returns its serial.
  func insertPod(_ pod: Pod, owner: ReplicaSetState?) -> Int {
    lastPodSerial += 1
    let serial = lastPodSerial
    var pod = pod
    pod.metadata.namespace = pod.metadata.effectiveNamespace
    pod.metadata.uid = nextUID("pod")
    pod.metadata.creationTimestamp = now
    pod.metadata.deletionTimestamp = nil
    pod.metadata.generation = nil
    pod.metadata.resourceVersion = nextResourceVersion(touching: Pod.kind, pod.key)
    pod.status = PodStatus()
    podSerials[pod.key] = serial
    pods[serial] = PodRecord(pod: pod, serial: serial, owner: owner?.serial)
    if let owner {
      owner.live += 1
      owner.notReadyPods.insert(serial)
      staleStatuses.append(owner.serial)
    }
    return serial
  }

  private func deletePods(_ count: Int, of state: ReplicaSetState) {
    for _ in 0..<count {
      guard let serial = popDeletionCandidate(of: state) else { break }
      let key = pods[serial]!.pod.key
      if let change = terminatePod(serial) {
        changes.record(change, pod: serial, key: key, owner: state)
      }
    }
  }

  /// The live pod to delete next: the newest not-ready one, else the newest ready one.
  private func popDeletionCandidate(of state: ReplicaSetState) -> Int? {
    while let serial = state.notReadyPods.popMax() {
      if isIndexed(serial, in: state, ready: false) { return serial }
    }
    while let serial = state.readyPods.popMax() {
      if isIndexed(serial, in: state, ready: true) { return serial }
    }
    return nil
  }

  /// Whether an index entry is current: the pod is a live pod of `state` in that readiness.
  func isIndexed(_ serial: Int, in state: ReplicaSetState, ready: Bool) -> Bool {
    guard let record = pods[serial] else { return false }
    return record.owner == state.serial && !record.isTerminating && record.isReady == ready
  }

  /// The live pods of a ReplicaSet with the given readiness, oldest first.
  func livePods(of state: ReplicaSetState, ready: Bool) -> [Int] {
    let heap = ready ? state.readyPods : state.notReadyPods
    return Set(heap.unordered).filter { isIndexed($0, in: state, ready: ready) }.sorted()
  }

  /// Drops stale index entries once they outnumber the live ones.
  func compactIndexes(of state: ReplicaSetState) {
    let limit = 2 * state.live + 64
    if state.notReadyPods.count > limit {
      state.notReadyPods = Heap(livePods(of: state, ready: false))
    }
    if state.readyPods.count > limit {
      state.readyPods = Heap(livePods(of: state, ready: true))
    }
  }

  /// `<prefix>-<5 random characters>`, not taken by any pod.
  private func uniquePodKey(namespace: String, prefix: String) -> ObjectKey {
    while true {
      var suffix = ""
      suffix.reserveCapacity(5)
      for _ in 0..<5 {
        suffix.append(Self.suffixAlphabet[generator.nextIndex(below: Self.suffixAlphabet.count)])
      }
      let key = ObjectKey(namespace, "\(prefix)-\(suffix)")
      if podSerials[key] == nil { return key }
    }
  }
}
