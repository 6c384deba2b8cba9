import Dashboard
import Engine
import Foundation
import KubeClient
import Logging

/// The dashboard of `rollout controller --dashboard-addr`: the Rollouts of the managed
/// namespaces, their ReplicaSets, pods and Services, read through informers of its own (so a
/// replica standing by in leader election shows them too), the decision logs from their
/// ConfigMaps, and actions patched onto the Rollout as `rollout promote --kubeconfig` does, for
/// whichever controller leads to carry out.
public actor ClusterDashboardSource: DashboardSource {
  public nonisolated let title: String
  let client: KubeClient
  private let informers: [Informer]
  private let changes: ChangeCounter
  private let specs = RolloutObject.SpecCache()

  public init(client: KubeClient, namespace: String?, logger: Logger) {
    self.client = client
    title =
      "rollout controller, "
      + (namespace.map { "namespace \($0)" } ?? "all namespaces")
    let changes = ChangeCounter()
    self.changes = changes
    let make = { (resource: APIResource) in
      Informer(
        client: client, resource: resource, namespace: namespace, resyncInterval: nil,
        logger: logger, onChange: { [changes] _ in changes.bump() })
    }
    informers = [make(.rollouts), make(.replicaSets), make(.pods), make(.services)]
  }

  /// Runs the informers until cancelled.
  public func run() async {
    let informers = self.informers
    await withTaskGroup(of: Void.self) { group in
      for informer in informers { group.addTask { await informer.run() } }
    }
  }

  public func objects() async throws -> DashboardObjects {
    let now = Date().timeIntervalSince1970
    var deployments: [Deployment] = []
    for object in await informers[0].list() {
      if let deployment = try? RolloutObject.decode(object, cache: specs) {
        deployments.append(deployment)
      }
    }
    return DashboardObjects(
      now: now, deployments: deployments,
      replicaSets: await informers[1].list().compactMap(ReplicaSetObject.decode),
      pods: await informers[2].list().compactMap(PodObject.decode),
      services: await informers[3].list().compactMap(ServiceObject.decode))
  }

  public func version() async -> UInt64 { changes.value }

  public func decisions(of key: ObjectKey) async throws -> [DecisionRecord] {
    let map = try await client.get(
      .configMaps, namespace: key.namespace, name: DecisionLogMap.name(of: key.name))
    return DecisionLogMap.records(in: map)
  }

  public func perform(_ action: OperatorAction, on key: ObjectKey) async throws -> String {
    do {
      return try await ClusterVerbs.perform(action, on: key, client: client)
    } catch let refused as ClusterVerbs.Refused {
      let missing = refused.description.contains("not found")
      throw DashboardRefusal(missing ? 404 : 409, refused.description)
    }
  }
}

/// A count of informer changes, bumped from any task.
final class ChangeCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count: UInt64 = 0

  var value: UInt64 { lock.withLock { count } }
  func bump() { lock.withLock { count &+= 1 } }
}
