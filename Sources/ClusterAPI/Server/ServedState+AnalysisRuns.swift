import Engine
import Foundation

/// Argo `AnalysisRun`s, served read-only: derived from the runs in each Deployment's and
/// Rollout's rollout state (`rollout.dev/state`), so they appear, change and go with it. Each
/// change of a run is published at the resourceVersion of the change of its rollout.
extension ServedState {
  /// The AnalysisRun resource, when the registry serves it.
  var analysisRuns: ResourceType? {
    registry.type(apiVersion: "argoproj.io/v1alpha1", kind: "AnalysisRun")
  }

  /// Whether objects of `type` are derived from other objects: never written by clients and
  /// never saved.
  func isDerived(_ type: ResourceType) -> Bool { type == analysisRuns }

  /// Derives the AnalysisRuns of every stored Deployment and Rollout (at start).
  func deriveAllAnalysisRuns() {
    for type in [deployments, rollouts] {
      for key in cache.keys(type, namespace: nil) {
        let version = cache.entry(type, key)?.resourceVersion ?? 0
        _ = deriveAnalysisRuns(of: type, key, at: version)
      }
    }
  }

  /// Brings the AnalysisRuns of the rollout `key` (of `type`, a Deployment or a Rollout) up to
  /// date with its state in the cache: runs it no longer has (or all, when it is gone) are
  /// removed, new and changed ones stored at `version`. Returns the changes as watch events.
  func deriveAnalysisRuns(of type: ResourceType, _ key: ObjectKey, at version: Int)
    -> [WatchEvent]
  {
    guard let runType = analysisRuns, type == deployments || type == rollouts else { return [] }
    let object = cache.object(type, key)
    let text = object?["metadata"]?["annotations"]?[RolloutState.annotation]?.stringValue
    // The common case, a fleet without analysis, costs a substring search.
    if cache.count(runType) == 0, text?.contains("\"analysisRuns\"") != true { return [] }
    let owner =
      object.flatMap(AnalysisRunOwner.init)
      ?? AnalysisRunOwner(
        apiVersion: type.groupVersion, kind: type.kind, name: key.name,
        namespace: key.namespace, uid: nil)
    var wanted: [ObjectKey: JSONValue] = [:]
    for run in Self.runs(inState: text) {
      wanted[ObjectKey(key.namespace, run.name)] = encoding.analysisRun(
        run, owner: owner, podTemplateHash: podTemplateHash(of: run, owner: owner))
    }
    var events: [WatchEvent] = []
    for runKey in cache.keys(runType, namespace: key.namespace) where wanted[runKey] == nil {
      guard let entry = cache.entry(runType, runKey), owner.owns(entry.object) else { continue }
      cache.remove(runType, runKey)
      var gone = entry.object
      gone["metadata"]?["resourceVersion"] = .string(String(version))
      events.append(
        WatchEvent(
          kind: .deleted, type: runType, key: runKey, object: gone, resourceVersion: version))
    }
    for (runKey, run) in wanted.sorted(by: { $0.key < $1.key }) {
      let previous = cache.entry(runType, runKey)
      if let previous {
        // A run of the same name belongs to another rollout: the first one keeps it.
        guard owner.owns(previous.object) else { continue }
        var unstamped = previous.object
        unstamped["metadata"]?["resourceVersion"] = nil
        if unstamped == run { continue }
      }
      var stamped = run
      stamped["metadata"]?["resourceVersion"] = .string(String(version))
      cache.put(runType, runKey, stamped, version: version)
      events.append(
        WatchEvent(
          kind: previous == nil ? .added : .modified, type: runType, key: runKey,
          object: stamped, resourceVersion: version))
    }
    return events
  }

  /// The runs of a `rollout.dev/state` annotation; none when it is absent or unreadable.
  static func runs(inState text: String?) -> [AnalysisRun] {
    guard let text,
      let state = try? JSONDecoder().decode(RolloutState.self, from: Data(text.utf8))
    else { return [] }
    return state.analysisRuns
  }

  /// The `pod-template-hash` of the ReplicaSet a run analyses: its label, else what follows the
  /// rollout's name in the ReplicaSet's (`web-6d4f8b7c9` → `6d4f8b7c9`).
  private func podTemplateHash(of run: AnalysisRun, owner: AnalysisRunOwner) -> String? {
    let replicaSet = cache.object(replicaSets, ObjectKey(owner.namespace, run.subject))
    if let hash = replicaSet?["metadata"]?["labels"]?["pod-template-hash"]?.stringValue {
      return hash
    }
    let prefix = owner.name + "-"
    guard run.subject.hasPrefix(prefix) else { return nil }
    let rest = run.subject.dropFirst(prefix.count)
    return rest.isEmpty || rest.contains("-") ? nil : String(rest)
  }
}
