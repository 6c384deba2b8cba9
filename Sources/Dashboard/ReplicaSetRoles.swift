import Engine
import Strategies

/// What a ReplicaSet is to its rollout, as `rollout get` and the dashboard name it: `stable`,
/// `canary` (`preview` under blue-green), and the Services pinned to it (`active`, `preview`,
/// `service:NAME`).
public enum ReplicaSetRoles {
  /// The roles of `rs` in `deployment`, given the Services of its namespace.
  public static func roles(of rs: ReplicaSet, in deployment: Deployment, services: [Service])
    -> [String]
  {
    let state = RolloutState.read(from: deployment)
    let strategy = StrategySource.defaultSpec(for: deployment)
    let current = deployment.metadata.annotation(Annotations.revision) ?? "-"
    var roles: [String] = []
    if rs.metadata.name == state.stableReplicaSet { roles.append("stable") }
    if String(rs.revision) == current, rs.metadata.name != state.stableReplicaSet {
      roles.append(strategy == "blue-green" ? "preview" : "canary")
    }
    let params = (try? deployment.strategyParameters()) ?? .object([:])
    for service in services where service.pinnedHash == rs.podTemplateHash {
      let name = service.metadata.name
      if params["activeService"]?.stringValue == name {
        roles.append("active")
      } else if params["previewService"]?.stringValue == name {
        roles.append("preview")
      } else {
        roles.append("service:\(name)")
      }
    }
    var unique: [String] = []
    for role in roles where !unique.contains(role) { unique.append(role) }
    return unique
  }
}
