import Engine
import Strategies

extension RolloutDetail {
  /// The page of rollout `key` from `objects` and its decision log; nil when there is no such
  /// rollout. `readOnly` leaves the actions out.
  public init?(
    _ key: ObjectKey, objects: DashboardObjects, decisions: [DecisionRecord], readOnly: Bool
  ) {
    guard
      let deployment = objects.deployments.first(where: {
        $0.metadata.effectiveNamespace == key.namespace && $0.metadata.name == key.name
      })
    else { return nil }
    let state = RolloutState.read(from: deployment)
    let owned = objects.replicaSets.filter(deployment.controls)
    let now = objects.now
    let pods = objects.pods.filter { $0.metadata.effectiveNamespace == key.namespace }
    let services = objects.services.filter { $0.metadata.effectiveNamespace == key.namespace }
    summary = RolloutSummary(deployment, now: now)
    replicaSets = owned.sorted { $0.revision > $1.revision }.map { rs in
      let mine = pods.filter(rs.controls).sorted { $0.metadata.name < $1.metadata.name }
      return ReplicaSetNode(
        name: rs.metadata.name, revision: rs.revision,
        roles: ReplicaSetRoles.roles(of: rs, in: deployment, services: services),
        status: rs.replicas == 0 && rs.currentReplicas == 0
          ? "ScaledDown" : (rs.availableReplicas == rs.replicas ? "Healthy" : "Progressing"),
        replicas: rs.replicas, ready: rs.readyReplicas, available: rs.availableReplicas,
        images: rs.spec.template.images,
        pods: mine.map { pod in
          PodNode(
            name: pod.metadata.name, status: Self.status(of: pod), ready: pod.status.ready,
            restarts: pod.status.restartCount,
            age: max(0, now - (pod.metadata.creationTimestamp ?? now)))
        })
    }
    conditions = (deployment.status?.conditions ?? []).map {
      Condition(
        type: $0.type.rawValue, status: $0.status, reason: $0.reason, message: $0.message,
        lastUpdate: $0.lastUpdateTime)
    }
    let current = summary.revision
    history = owned.sorted { $0.revision < $1.revision }.map { rs in
      Revision(
        revision: rs.revision, replicaSet: rs.metadata.name, images: rs.spec.template.images,
        changeCause: rs.metadata.annotation(Annotations.changeCause),
        current: rs.revision == current)
    }
    self.decisions = decisions.suffix(Self.decisionLimit).map(DecisionRow.init)
    decisionsTotal = decisions.count
    analysisRuns = state.analysisRuns.map(AnalysisRunView.init)
    actions =
      readOnly
      ? []
      : DashboardAction.verbs.map {
        ActionView(
          verb: $0.verb, label: $0.label,
          allowed: DashboardAction.allowed($0.verb, deployment, revisions: owned.count))
      }
  }

  /// `Running`, `Pending`, `Terminating` or the pod's phase.
  static func status(of pod: Pod) -> String {
    if pod.isTerminating { return "Terminating" }
    if pod.status.ready { return "Running" }
    return pod.status.phase == .running ? "NotReady" : pod.status.phase.rawValue
  }
}
