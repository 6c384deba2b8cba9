import Engine
import Foundation
import Simulator
import Store
import Testing

@testable import RolloutAPI

/// Reading a saved cluster's Deployments by their bytes: the same Deployments as decoding the
/// whole snapshot, and only the changed ones decoded again.
@Suite struct SavedDeploymentsTests {
  /// The saved cluster document of a store holding `shop` (paused canary) and `cart`, whose
  /// change-cause holds every character that could confuse a byte scanner.
  static func document() throws -> (Data, String) {
    let hostile = #"say "}]" then \"{[\" and \\ done: {"now": 5}"#
    let directory = try DashboardFixtures.pausedCanary(others: [
      DashboardFixtures.canary("cart", image: "example/cart:1.0", changeCause: hostile)
    ])
    let path = directory + "/cluster.json"
    return (try Data(contentsOf: URL(fileURLWithPath: path)), directory)
  }

  @Test func theScanFindsTheSameDeploymentsAndClockAsADecode() throws {
    let (data, directory) = try Self.document()
    let snapshot = try #require(
      try StoreReader(directory: directory).load(
        "cluster.json", as: SimulatedCluster.Snapshot.self))
    let cluster = SimulatedCluster(snapshot: snapshot, settings: SimulationSettings())
    let read = try SavedDeployments().read(data)
    #expect(read.now == cluster.now)
    let expected = cluster.list(Deployment.self, namespace: nil)
    #expect(read.deployments.count == expected.count)
    #expect(Set(read.deployments) == Set(expected))
    #expect(
      read.deployments.first { $0.metadata.name == "cart" }?.metadata
        .annotation(Annotations.changeCause)?.hasSuffix(#"{"now": 5}"#) == true)
  }

  @Test func onlyChangedDeploymentsAreDecodedAgain() throws {
    let (data, _) = try Self.document()
    let saved = SavedDeployments()
    let first = try saved.read(data)
    #expect(saved.decodes == 2)
    let same = try saved.read(data)
    #expect(same.deployments == first.deployments)
    #expect(saved.decodes == 2)
    // cart's image changed: cart alone is decoded again.
    let text = String(decoding: data, as: UTF8.self)
    let changed = text.replacingOccurrences(of: #"example\/cart:1.0"#, with: #"example\/cart:1.1"#)
    #expect(changed != text)
    let after = try saved.read(Data(changed.utf8))
    #expect(saved.decodes == 3)
    #expect(
      after.deployments.first { $0.metadata.name == "cart" }?.spec.template.images
        == ["example/cart:1.1"])
    #expect(
      after.deployments.first { $0.metadata.name == "shop" }
        == first.deployments.first { $0.metadata.name == "shop" })
  }

  @Test(arguments: [#"{"data":{"deployments":[{"a":1}"#, #"{"data":{"now":1}}}"#])
  func aTornDocumentIsAnError(_ text: String) {
    #expect(throws: (any Error).self) { try SavedDeployments().read(Data(text.utf8)) }
  }
}
