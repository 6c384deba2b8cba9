import Dashboard
import Engine
import Strategies

/// The text `rollout get` prints.
struct DeploymentTree {
  var deployment: Deployment
  var cluster: any ClusterBackend

  /// The Deployment's ReplicaSets, newest revision first.
  var replicaSets: [ReplicaSet] {
    cluster.replicaSets(controlledBy: deployment).sorted { $0.revision > $1.revision }
  }

  /// The strategy the Deployment runs.
  var strategy: String { StrategySource.defaultSpec(for: deployment) }

  /// What `rs` is to the rollout: stable, canary or preview, and the Services pinned to it.
  func roles(_ rs: ReplicaSet) -> [String] {
    ReplicaSetRoles.roles(
      of: rs, in: deployment,
      services: cluster.list(Service.self, namespace: deployment.metadata.effectiveNamespace))
  }

  /// The pods of `rs`, by name.
  func pods(of rs: ReplicaSet) -> [Pod] {
    cluster.list(Pod.self, namespace: deployment.metadata.effectiveNamespace)
      .filter(rs.controls)
      .sorted { $0.metadata.name < $1.metadata.name }
  }

  func render() -> String {
    let state = RolloutState.read(from: deployment)
    let status = deployment.status ?? DeploymentStatus()
    let replicaSets = self.replicaSets
    let current = deployment.metadata.annotation(Annotations.revision) ?? "-"
    var lines = [
      field("Name", deployment.metadata.name),
      field("Namespace", deployment.metadata.effectiveNamespace),
      field(
        "Status",
        "\(icon(state.phase)) \(state.phase.rawValue)" + (state.reason.map { " (\($0))" } ?? "")),
    ]
    if let message = state.message { lines.append(field("Message", message)) }
    lines.append(field("Strategy", strategy))
    if let step = state.step { lines.append(field("  Step", "\(step.index)/\(step.count)")) }
    if let weight = state.desiredWeight { lines.append(field("  SetWeight", String(weight))) }
    if let weight = state.actualWeight { lines.append(field("  ActualWeight", String(weight))) }
    lines.append(field("Revision", current))
    lines.append(field("Images", ""))
    for rs in replicaSets where rs.replicas > 0 || rs.currentReplicas > 0 {
      let role = roles(rs).joined(separator: ", ")
      for image in rs.spec.template.images {
        lines.append("  \(image)" + (role.isEmpty ? "" : " (\(role))"))
      }
    }
    lines.append(field("Replicas", ""))
    lines.append(field("  Desired", String(deployment.replicas)))
    lines.append(field("  Current", String(status.replicas ?? 0)))
    lines.append(field("  Updated", String(status.updatedReplicas ?? 0)))
    lines.append(field("  Ready", String(status.readyReplicas ?? 0)))
    lines.append(field("  Available", String(status.availableReplicas ?? 0)))
    for condition in status.conditions ?? [] {
      lines.append(
        field(
          "Condition",
          "\(condition.type.rawValue)=\(condition.status) \(condition.reason ?? ""): \(condition.message ?? "")"
        ))
    }
    lines += analysisLines(state.analysisRuns)
    lines.append("")
    lines.append("NAME                                   KIND        STATUS        INFO")
    lines.append(
      row(
        "⟳ \(deployment.metadata.name)", deployment.kind,
        "\(icon(state.phase)) \(state.phase.rawValue)", ""))
    for (index, rs) in replicaSets.enumerated() {
      let last = index == replicaSets.count - 1
      let branch = last ? "└──" : "├──"
      let stem = last ? "   " : "│  "
      lines.append(row("\(branch)# revision:\(rs.revision)", "", "", ""))
      let rsStatus =
        rs.replicas == 0 && rs.currentReplicas == 0
        ? "• ScaledDown" : (rs.availableReplicas == rs.replicas ? "✔ Healthy" : "◌ Progressing")
      lines.append(
        row(
          "\(stem)└──⧉ \(rs.metadata.name)", "ReplicaSet", rsStatus,
          (["ready:\(rs.readyReplicas)/\(rs.replicas)"] + roles(rs)).joined(separator: ",")))
      let owned = pods(of: rs)
      for (podIndex, pod) in owned.prefix(20).enumerated() {
        let podBranch = podIndex == min(owned.count, 20) - 1 ? "└──" : "├──"
        let podStatus =
          pod.isTerminating ? "◌ Terminating" : (pod.status.ready ? "✔ Running" : "◌ Pending")
        lines.append(
          row(
            "\(stem)   \(podBranch)□ \(pod.metadata.name)", "Pod", podStatus,
            "ready:\(pod.status.ready ? 1 : 0)/1"
              + (pod.status.restartCount > 0 ? ",restarts:\(pod.status.restartCount)" : "")))
      }
      if owned.count > 20 {
        lines.append(row("\(stem)   … \(owned.count - 20) more pods", "", "", ""))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Each analysis run of the revision, its metrics and their last measurements:
  ///
  ///     Analysis:      web-6d4f-2-step-2 (step-2) ✔ Successful
  ///       error-rate   ✔ Successful  3 measured: 0.01 ✔, 0.02 ✔, 0.01 ✔
  private func analysisLines(_ runs: [AnalysisRun]) -> [String] {
    var lines: [String] = []
    for run in runs {
      lines.append(
        field("Analysis", "\(run.name) (\(run.label)) \(icon(run.phase)) \(run.phase.rawValue)"))
      if let message = run.message { lines.append(field("  Message", message)) }
      for result in run.results {
        let last: [String] = result.measurements.suffix(5).map { measurement in
          (measurement.value ?? "error") + " " + icon(measurement.phase)
        }
        var line = "  " + pad(result.name, 13)
        line += pad(icon(result.phase) + " " + result.phase.rawValue, 15)
        line += "\(result.measurements.count) measured"
        if !last.isEmpty { line += ": " + last.joined(separator: ", ") }
        if result.error > 0 { line += " (\(result.error) errors)" }
        lines.append(line)
      }
    }
    return lines
  }

  private func icon(_ phase: AnalysisPhase) -> String {
    switch phase {
    case .successful: return "✔"
    case .failed, .error: return "✖"
    case .inconclusive: return "⚠"
    case .pending, .running: return "◌"
    }
  }

  private func field(_ name: String, _ value: String) -> String {
    pad(name + ": ", 15) + value
  }

  private func row(_ name: String, _ kind: String, _ status: String, _ info: String) -> String {
    pad(name, 39) + pad(kind, 12) + pad(status, 14) + info
  }

  private func icon(_ phase: RolloutState.Phase) -> String {
    switch phase {
    case .healthy: return "✔"
    case .progressing: return "◌"
    case .paused: return "॥"
    case .degraded: return "✖"
    }
  }
}
