import Dashboard
import Engine

/// A source whose Deployments a test changes by hand; every change moves its version.
actor FakeSource: DashboardSource {
  nonisolated let title = "fake"
  private var deployments: [Deployment]
  private var counter: UInt64 = 1
  private(set) var performed: [String] = []

  init(_ deployments: [Deployment]) { self.deployments = deployments }

  func objects() async throws -> DashboardObjects {
    DashboardObjects(now: 100, deployments: deployments)
  }

  func version() async -> UInt64 { counter }

  func decisions(of key: ObjectKey) async throws -> [DecisionRecord] { [] }

  func perform(_ action: OperatorAction, on key: ObjectKey) async throws -> String {
    performed.append("\(action) \(key)")
    return "done"
  }

  /// Sets `replicas` of Deployment `name` (a change the list shows).
  func scale(_ name: String, to replicas: Int) {
    guard let index = deployments.firstIndex(where: { $0.metadata.name == name }) else { return }
    deployments[index].spec.replicas = replicas
    counter += 1
  }

  func remove(_ name: String) {
    deployments.removeAll { $0.metadata.name == name }
    counter += 1
  }

  func add(_ deployment: Deployment) {
    deployments.append(deployment)
    counter += 1
  }
}
