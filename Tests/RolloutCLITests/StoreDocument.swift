import Foundation

/// The store's `cluster.json` (`{"version":1,"data":{...}}`) read with Foundation's
/// JSONSerialization alone, independent of the engine's types: what a crash left on disk.
struct StoreDocument {
  /// A stored ReplicaSet of one Deployment.
  struct ReplicaSetEntry: CustomStringConvertible {
    var name: String
    var revision: String
    var replicas: Int
    var available: Int
    var templateHash: String
    var description: String { "\(name) rev \(revision) \(available)/\(replicas)" }
  }

  var version: Int
  var replicaSets: [ReplicaSetEntry]
  /// Pods per owning ReplicaSet name.
  var podsByOwner: [String: Int]

  /// Reads `<state>/cluster.json`, keeping the ReplicaSets owned by Deployment `deployment`.
  init(state: String, deployment: String) throws {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: state).appendingPathComponent("cluster.json"))
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let body = root["data"] as? [String: Any]
    else { throw RolloutProcessError(description: "cluster.json is not {version, data}") }
    version = root["version"] as? Int ?? -1
    replicaSets = ((body["replicaSets"] as? [[String: Any]]) ?? []).compactMap { entry in
      guard let rs = entry["object"] as? [String: Any], let meta = rs["metadata"] as? [String: Any],
        let owners = meta["ownerReferences"] as? [[String: Any]],
        owners.contains(where: { $0["name"] as? String == deployment })
      else { return nil }
      let annotations = meta["annotations"] as? [String: Any]
      let labels = meta["labels"] as? [String: Any]
      return ReplicaSetEntry(
        name: meta["name"] as? String ?? "",
        revision: annotations?["deployment.kubernetes.io/revision"] as? String ?? "",
        replicas: (rs["spec"] as? [String: Any])?["replicas"] as? Int ?? -1,
        available: (rs["status"] as? [String: Any])?["availableReplicas"] as? Int ?? -1,
        templateHash: labels?["pod-template-hash"] as? String ?? "")
    }
    podsByOwner = [:]
    for entry in (body["pods"] as? [[String: Any]]) ?? [] {
      let meta = (entry["pod"] as? [String: Any])?["metadata"] as? [String: Any]
      let owner = (meta?["ownerReferences"] as? [[String: Any]])?.first?["name"] as? String
      podsByOwner[owner ?? "?", default: 0] += 1
    }
  }

  /// The ReplicaSet of `revision`, if exactly one.
  func revision(_ revision: Int) -> ReplicaSetEntry? {
    let matching = replicaSets.filter { $0.revision == String(revision) }
    return matching.count == 1 ? matching.first : nil
  }
}
