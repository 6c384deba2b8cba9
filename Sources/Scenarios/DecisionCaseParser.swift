import Engine
import Foundation
import Manifests
import Simulator
import Yams

/// Reads a decision case: the snapshot (a file as `rollout eval --snapshot` takes, or the inline
/// short form), what else the strategy sees, and the expectation.
enum DecisionCaseParser {
  static func parse(_ item: TestFileReader) throws(TestFileError) -> DecisionCase {
    let source = try item.required("snapshot")
    var snapshot: StrategySnapshot
    if case .string = source.value {
      snapshot = try fromFile(source)
    } else {
      snapshot = try inline(source)
    }
    if let params = item.optional("params") {
      guard case .object = params.value else { throw params.error("expected a map") }
      snapshot.params = params.value
    }
    if let state = item.optional("state") { snapshot.state = state.value }
    if let now = item.optional("now") { snapshot.now = try now.duration() }
    if let stable = item.optional("stable") {
      let name = try stable.string()
      guard snapshot.allReplicaSets.contains(where: { $0.name == name }) else {
        throw stable.error("no ReplicaSet \(name) in the snapshot")
      }
      snapshot.stableReplicaSet = name
    }
    if let intents = item.optional("operator") {
      _ = try intents.only(["promoted", "promoteFull", "aborted"])
      snapshot.operatorIntents = OperatorIntents(
        promoted: try intents.optional("promoted")?.bool() ?? false,
        promoteFull: try intents.optional("promoteFull")?.bool() ?? false,
        aborted: try intents.optional("aborted")?.bool() ?? false)
    }
    if let runs = item.optional("analysis") {
      snapshot.analysisRuns = try analysisRuns(runs, snapshot: snapshot)
    }
    return DecisionCase(snapshot: snapshot, expect: try expectation(item.required("expect")))
  }

  /// The short form: what the strategy sees, field by field.
  private static func inline(_ source: TestFileReader) throws(TestFileError) -> StrategySnapshot {
    _ = try source.only(["deployment", "replicaSets", "services"])
    let spec = try source.required("deployment")
    _ = try spec.only([
      "name", "namespace", "replicas", "maxSurge", "maxUnavailable", "minReadySeconds",
      "progressDeadlineSeconds", "strategyType", "paused", "labels", "annotations",
    ])
    let replicas = try spec.required("replicas").int()
    func fencepost(_ key: String) throws(TestFileError) -> IntOrString? {
      guard let value = spec.optional(key) else { return nil }
      if let number = value.value.intValue { return .int(number) }
      return .string(try value.string())
    }
    let probe = Deployment(
      metadata: ObjectMeta(name: "probe"),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: [:]),
        template: PodTemplateSpec(spec: .object([:])),
        strategy: DeploymentStrategy(
          rollingUpdate: RollingUpdateDeployment(
            maxSurge: try fencepost("maxSurge"), maxUnavailable: try fencepost("maxUnavailable")))))
    let fenceposts: Fenceposts
    do {
      fenceposts = try probe.strategyFenceposts()
    } catch {
      throw spec.error("\(error)")
    }
    let view = DeploymentView(
      name: try spec.optional("name")?.string() ?? "web",
      namespace: try spec.optional("namespace")?.string() ?? "default", replicas: replicas,
      paused: try spec.optional("paused")?.bool() ?? false,
      minReadySeconds: try spec.optional("minReadySeconds")?.int() ?? 0,
      progressDeadlineSeconds: try spec.optional("progressDeadlineSeconds")?.int() ?? 600,
      strategyType: try spec.optional("strategyType")?.string()
        ?? DeploymentStrategy.rollingUpdateType,
      labels: try spec.optional("labels")?.stringMap() ?? [:],
      annotations: try spec.optional("annotations")?.stringMap() ?? [:])
    var sets: [ReplicaSetView] = []
    for item in try source.required("replicaSets").list() {
      _ = try item.only([
        "name", "revision", "replicas", "current", "ready", "available", "terminating", "images",
        "createdAt",
      ])
      let size = try item.required("replicas").int()
      let available = try item.optional("available")?.int() ?? 0
      sets.append(
        ReplicaSetView(
          name: try item.required("name").string(), revision: try item.required("revision").int(),
          replicas: size, currentReplicas: try item.optional("current")?.int() ?? size,
          readyReplicas: try item.optional("ready")?.int() ?? available,
          availableReplicas: available,
          terminatingReplicas: try item.optional("terminating")?.int() ?? 0,
          images: try item.optional("images")?.list().map { reader throws(TestFileError) in
            try reader.string()
          } ?? [],
          createdAt: try item.optional("createdAt")?.duration() ?? 0))
    }
    guard !sets.isEmpty else { throw source.child("replicaSets", .null).error("no ReplicaSets") }
    sets.sort { ($0.revision, $0.createdAt, $0.name) < ($1.revision, $1.createdAt, $1.name) }
    var services: [ServiceView] = []
    for item in try source.optional("services")?.list() ?? [] {
      _ = try item.only(["name", "replicaSet", "selector"])
      services.append(
        ServiceView(
          name: try item.required("name").string(),
          selector: try item.optional("selector")?.stringMap() ?? [:],
          replicaSet: try item.optional("replicaSet")?.string()))
    }
    return StrategySnapshot(
      deployment: view, newReplicaSet: sets.last!, oldReplicaSets: sets.dropLast(),
      fenceposts: fenceposts, now: 0, services: services)
  }

  /// A file of Kubernetes objects, as `rollout eval --snapshot` takes.
  private static func fromFile(_ source: TestFileReader) throws(TestFileError) -> StrategySnapshot {
    let path = try source.filePath()
    do {
      return try SnapshotDocuments.load(path: path)
    } catch {
      throw source.error("\(error)")
    }
  }

  private static func expectation(_ item: TestFileReader) throws(TestFileError)
    -> DecisionExpectation
  {
    _ = try item.only([
      "scale", "pause", "complete", "message", "state", "weight", "error", "analyze",
      "stopAnalysis", "abort",
    ])
    var expect = DecisionExpectation()
    if let scale = item.optional("scale") {
      guard let members = scale.value.objectValue else { throw scale.error("expected a map") }
      var sizes: [String: Int] = [:]
      for (name, size) in members { sizes[name] = try scale.child(name, size).int() }
      expect.scale = sizes
    }
    if let member = item.value["pause"] {
      if member == .null {
        expect.pause = .some(nil)
      } else {
        let pause = item.child("pause", member)
        _ = try pause.only(["reason", "seconds", "untilPromoted"])
        expect.pause = DecisionExpectation.ExpectedPause(
          reason: try pause.required("reason").string(),
          seconds: try pause.optional("seconds")?.duration(),
          untilPromoted: try pause.optional("untilPromoted")?.bool() ?? false)
      }
    }
    expect.complete = try item.optional("complete")?.bool()
    expect.message = try item.optional("message")?.string()
    expect.state = item.optional("state")?.value
    expect.weight = try item.optional("weight")?.int()
    expect.error = try item.optional("error")?.string()
    if let labels = item.optional("analyze") {
      expect.analyze = try labels.list().map { label throws(TestFileError) in try label.string() }
    }
    if let labels = item.optional("stopAnalysis") {
      expect.stopAnalysis = try labels.list().map { label throws(TestFileError) in
        try label.string()
      }
    }
    if let member = item.value["abort"] {
      expect.abort = .some(member == .null ? nil : try item.child("abort", member).string())
    }
    return expect
  }
}
