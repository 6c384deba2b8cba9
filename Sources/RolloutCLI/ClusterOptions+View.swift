import Engine
import KubeClient
import RolloutController

extension ClusterOptions {
  /// The Rollout `name` on the cluster, for `get`, `status` and `history` with --kubeconfig.
  func view(_ name: String, namespace: String?) throws -> ClusterView {
    let connection = try connection(namespace: namespace)
    let key = ObjectKey(connection.namespace, name)
    return try AsyncBridge.run {
      let client = KubeClient(
        connection: connection, userAgent: "rollout/\(RolloutVersion.current)")
      defer { Task { await client.shutdown() } }
      do {
        return try await ClusterView.load(key, client: client)
      } catch let refused as ClusterVerbs.Refused {
        throw InputError(refused.description)
      } catch {
        throw RuntimeError("\(error)")
      }
    }
  }
}
