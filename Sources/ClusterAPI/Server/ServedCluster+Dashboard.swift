import Dashboard
import Engine
import RolloutAPI

/// The dashboard over the served cluster (`rollout serve`, under `/dashboard/`): its objects as
/// the API serves them, its decision log, and actions through the same path as the operator
/// verbs the server carries out for the CLI.
extension ServedCluster: DashboardSource {
  public nonisolated var title: String { "rollout serve" }

  public func objects() async throws -> DashboardObjects {
    DashboardObjects(cluster: state.cluster)
  }

  public func version() async -> UInt64 {
    UInt64(max(0, state.cluster.currentResourceVersion))
  }

  public func decisions(of key: ObjectKey) async throws -> [DecisionRecord] {
    try state.decisions.flush()
    return try DecisionLogReader.records(
      in: state.session.store, name: key.name, namespace: key.namespace)
  }

  public func perform(_ action: OperatorAction, on key: ObjectKey) async throws -> String {
    guard state.cluster.get(Deployment.self, key) != nil else {
      throw DashboardRefusal(
        404, "rollout \"\(key.name)\" not found in namespace \"\(key.namespace)\"")
    }
    do {
      return try carryOut(action, on: key)
    } catch let refused as OperatorActionError {
      throw DashboardRefusal(409, refused.message)
    }
  }
}
