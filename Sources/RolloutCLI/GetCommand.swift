import ArgumentParser
import Engine
import Foundation
import Strategies

/// `rollout get NAME`: the deployment, its ReplicaSets and pods as a tree, in the shape of
/// `kubectl argo rollouts get rollout`.
struct GetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get",
    abstract: "Show a deployment in the local store: status, strategy, ReplicaSets and pods.")

  @Argument(help: "The deployment's name.") var name: String
  @Option(name: [.customShort("n"), .long], help: "The namespace.") var namespace = "default"
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store: store, simulation: nil)
    let deployment = try session.deployment(named: name, namespace: namespace)
    emit(DeploymentTree(deployment: deployment, cluster: session.cluster).render())
  }
}

/// The text `rollout get` prints.
struct DeploymentTree {
  var deployment: Deployment
  var cluster: any ClusterBackend

  func render() -> String {
    let state = RolloutState.read(from: deployment)
    let status = deployment.status ?? DeploymentStatus()
    let replicaSets = cluster.list(
      ReplicaSet.self, namespace: deployment.metadata.effectiveNamespace
    )
    .filter {
      $0.metadata.ownerReferences?.contains { $0.name == deployment.metadata.name } ?? false
    }
    .sorted { $0.revision > $1.revision }
    let current = deployment.metadata.annotation(Annotations.revision) ?? "-"
    let stable = replicaSets.first { $0.revision != Int(current) && $0.replicas > 0 }
    var lines = [
      field("Name", deployment.metadata.name),
      field("Namespace", deployment.metadata.effectiveNamespace),
      field(
        "Status",
        "\(icon(state.phase)) \(state.phase.rawValue)" + (state.reason.map { " (\($0))" } ?? "")),
    ]
    if let message = state.message { lines.append(field("Message", message)) }
    lines.append(field("Strategy", StrategySource.defaultSpec(for: deployment)))
    lines.append(field("Revision", current))
    lines.append(field("Images", ""))
    for rs in replicaSets where rs.replicas > 0 || rs.currentReplicas > 0 {
      let role =
        String(rs.revision) == current
        ? "current" : (rs.metadata.name == stable?.metadata.name ? "stable" : "old")
      for image in rs.spec.template.images { lines.append("  \(image) (\(role))") }
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
    lines.append("")
    lines.append("NAME                                   KIND        STATUS        INFO")
    lines.append(
      row(
        "⟳ \(deployment.metadata.name)", "Deployment",
        "\(icon(state.phase)) \(state.phase.rawValue)", ""))
    let pods = cluster.list(Pod.self, namespace: deployment.metadata.effectiveNamespace)
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
          "ready:\(rs.readyReplicas)/\(rs.replicas)"))
      let owned = pods.filter {
        $0.metadata.ownerReferences?.contains { $0.name == rs.metadata.name } ?? false
      }
      .sorted { $0.metadata.name < $1.metadata.name }
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

  private func field(_ name: String, _ value: String) -> String {
    pad(name + ":", 15) + value
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
