import Engine
import Foundation
import Testing

@testable import ClusterAPI

/// `analysisruns.argoproj.io` served read-only from the runs in each Rollout's state: listed,
/// selected, watched, changed and removed with it, and refused to writers. The Rollouts here are
/// stored as written (`--rollouts external`), so a test can write their state itself.
@Suite struct ServedAnalysisRunTests {
  static let rollouts = "/apis/argoproj.io/v1alpha1/namespaces/default/rollouts"
  static let runs = "/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns"
  static let runName = "shop-6d4f8b7c9-2-step-1"

  let cluster: ServedCluster
  let directory: String

  init(directory: String = ServedFixture.temporaryDirectory()) throws {
    self.directory = directory
    cluster = try ServedCluster(directory: directory, speed: 1, externalRollouts: true)
  }

  func send(
    _ method: String, _ path: String, _ body: String = "",
    contentType: String = "application/json", query: [String: String] = [:],
    accept: String = "application/json"
  ) async throws -> (status: Int, json: JSONValue) {
    let response = await cluster.handle(
      APIRequest(
        method: method, path: path, query: query, accept: accept, contentType: contentType,
        body: Array(body.utf8)))
    guard case .body(let status, _, let bytes, _) = response else { return (0, .null) }
    return (status, try JSONValue(exactText: String(decoding: bytes, as: UTF8.self)))
  }

  /// A state holding one run of metric `error-rate` in `phase`, after `measured` measurements.
  static func state(phase: AnalysisPhase, measured: Int) throws -> String {
    var run = AnalysisRun(
      name: runName, label: "step-1", revision: 2, subject: "shop-6d4f8b7c9",
      templates: ["error-rate"],
      metrics: [
        AnalysisMetric(
          name: "error-rate", interval: "10s", count: .int(2),
          provider: MetricProviderSpec(simulated: SimulatedMetric()))
      ], startedAt: 0)
    for index in 0..<measured {
      run.results[0].measurements.append(
        Engine.Measurement(phase: .successful, value: "0.01", at: Double(index) * 10))
      run.results[0].count += 1
      run.results[0].successful += 1
    }
    run.results[0].phase = phase == .running && measured > 0 ? .running : phase
    run.phase = phase
    var state = RolloutState(phase: .progressing, revision: 2)
    state.analysisRuns = [run]
    return String(decoding: try ExactJSON.encode(state), as: UTF8.self)
  }

  static func rollout(state: String) throws -> String {
    let object: JSONValue = [
      "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
      "metadata": [
        "name": "shop", "annotations": [RolloutState.annotation: .string(state)],
      ],
      "spec": ["replicas": 1],
    ]
    return try object.exactText()
  }

  static func annotationPatch(state: String) throws -> String {
    let patch: JSONValue = [
      "metadata": ["annotations": [RolloutState.annotation: .string(state)]]
    ]
    return try patch.exactText()
  }

  @Test func aRunInARolloutsStateIsServedAsAnAnalysisRun() async throws {
    let created = try await send(
      "POST", Self.rollouts, try Self.rollout(state: Self.state(phase: .running, measured: 1)))
    #expect(created.status == 201, "\(created.json)")
    let list = try await send("GET", Self.runs)
    #expect(list.status == 200)
    #expect(list.json["kind"] == "AnalysisRunList")
    let items = list.json["items"]?.arrayValue ?? []
    #expect(items.count == 1)
    let run = try await send("GET", Self.runs + "/" + Self.runName)
    #expect(run.status == 200)
    #expect(run.json["status"]?["phase"] == "Running")
    #expect(run.json["status"]?["metricResults"]?.arrayValue?.first?["count"] == 1)
    #expect(run.json["metadata"]?["ownerReferences"]?.arrayValue?.first?["kind"] == "Rollout")
    #expect(
      run.json["metadata"]?["ownerReferences"]?.arrayValue?.first?["uid"]
        == created.json["metadata"]?["uid"])
    #expect(run.json["metadata"]?["labels"]?["rollouts-pod-template-hash"] == "6d4f8b7c9")
    let all = try await send("GET", "/apis/argoproj.io/v1alpha1/analysisruns")
    #expect(all.json["items"]?.arrayValue?.count == 1)
    let other = try await send("GET", "/apis/argoproj.io/v1alpha1/namespaces/prod/analysisruns")
    #expect(other.json["items"]?.arrayValue?.isEmpty == true)
  }

  @Test(
    arguments: [
      (["labelSelector": "rollouts-pod-template-hash=6d4f8b7c9"], 1),
      (["labelSelector": "rollouts-pod-template-hash=other"], 0),
      (["fieldSelector": "metadata.name=\(runName)"], 1),
      (["fieldSelector": "metadata.name=nope"], 0),
    ] as [([String: String], Int)])
  func selectorsApply(query: [String: String], count: Int) async throws {
    _ = try await send(
      "POST", Self.rollouts, try Self.rollout(state: Self.state(phase: .running, measured: 1)))
    let list = try await send("GET", Self.runs, query: query)
    #expect(list.status == 200, "\(list.json)")
    #expect(list.json["items"]?.arrayValue?.count == count)
  }

  @Test func aFieldSelectorOnAnotherFieldIsRefusedAsForACustomResource() async throws {
    let list = try await send("GET", Self.runs, query: ["fieldSelector": "status.phase=Running"])
    #expect(list.status == 400)
    #expect(list.json["message"] == "field label not supported: status.phase")
  }

  @Test func theTableHasArgosPrinterColumns() async throws {
    _ = try await send(
      "POST", Self.rollouts, try Self.rollout(state: Self.state(phase: .successful, measured: 2)))
    let table = try await send(
      "GET", Self.runs, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
    #expect(table.json["kind"] == "Table")
    let columns = (table.json["columnDefinitions"]?.arrayValue ?? []).map {
      ($0["name"]?.stringValue ?? "", $0["priority"]?.intValue ?? -1)
    }
    #expect(columns.map(\.0) == ["Name", "Status", "Age", "Metrics", "Message"])
    #expect(columns.map(\.1) == [0, 0, 0, 1, 1])
    let cells = table.json["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
    #expect(cells.count == 5)
    #expect(cells.first == .string(Self.runName))
    #expect(cells.dropFirst().first == "Successful")
    #expect(cells.dropFirst(3).first == "error-rate=Successful")
  }

  @Test func writesAreRefusedWithMethodNotAllowed() async throws {
    _ = try await send(
      "POST", Self.rollouts, try Self.rollout(state: Self.state(phase: .running, measured: 1)))
    let object = try await send("GET", Self.runs + "/" + Self.runName).json
    let body = try object.exactText()
    let item = Self.runs + "/" + Self.runName
    let attempts: [(String, String, String, String)] = [
      ("POST", Self.runs, body, "application/json"),
      ("PUT", item, body, "application/json"),
      ("PATCH", item, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", "application/merge-patch+json"),
      ("DELETE", item, "", "application/json"),
      ("DELETE", Self.runs, "", "application/json"),
    ]
    for (method, path, body, contentType) in attempts {
      let answer = try await send(method, path, body, contentType: contentType)
      #expect(answer.status == 405, "\(method) \(path)")
      #expect(answer.json["kind"] == "Status")
      #expect(answer.json["reason"] == "MethodNotAllowed", "\(method) \(path)")
      #expect(answer.json["details"]?["kind"] == "analysisruns")
    }
    let after = try await send("GET", Self.runs + "/" + Self.runName)
    #expect(after.json == object)
  }

  @Test func runsChangeAndGoWithTheirRolloutAndAWatchSeesIt() async throws {
    let response = await cluster.handle(
      APIRequest(method: "GET", path: Self.runs, query: ["watch": "true"]))
    guard case .watch(_, let stream, _) = response else {
      Issue.record("not a watch")
      return
    }
    _ = try await send(
      "POST", Self.rollouts, try Self.rollout(state: Self.state(phase: .running, measured: 1)))
    let before = try await send("GET", Self.runs + "/" + Self.runName).json
    // A change of the rollout that leaves its state alone changes no run.
    let labelled = try await send(
      "PATCH", Self.rollouts + "/shop", "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}",
      contentType: "application/merge-patch+json")
    #expect(labelled.status == 200, "\(labelled.json)")
    #expect(try await send("GET", Self.runs + "/" + Self.runName).json == before)

    let patched = try await send(
      "PATCH", Self.rollouts + "/shop",
      try Self.annotationPatch(state: Self.state(phase: .successful, measured: 2)),
      contentType: "application/merge-patch+json")
    #expect(patched.status == 200, "\(patched.json)")
    let after = try await send("GET", Self.runs + "/" + Self.runName).json
    #expect(after["status"]?["phase"] == "Successful")
    #expect(after["status"]?["metricResults"]?.arrayValue?.first?["count"] == 2)
    let version = { (object: JSONValue) in
      Int(object["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? 0
    }
    #expect(version(after) > version(before))

    #expect(try await send("DELETE", Self.rollouts + "/shop").status == 200)
    #expect(try await send("GET", Self.runs + "/" + Self.runName).status == 404)
    try await cluster.stop()
    var events: [(String, String?)] = []
    for await chunk in stream {
      for line in String(decoding: chunk, as: UTF8.self).split(separator: "\n") {
        let event = try JSONValue(exactText: String(line))
        events.append(
          (
            event["type"]?.stringValue ?? "",
            event["object"]?["status"]?["phase"]?.stringValue
          ))
      }
    }
    #expect(events.map(\.0) == ["ADDED", "MODIFIED", "DELETED"])
    #expect(events.map(\.1) == ["Running", "Successful", "Successful"])
  }

  @Test func runsAreDerivedAgainAfterARestartAndNeverSavedAsObjects() async throws {
    _ = try await send(
      "POST", Self.rollouts, try Self.rollout(state: Self.state(phase: .failed, measured: 1)))
    try await cluster.stop()
    let saved = try String(
      contentsOfFile: directory + "/" + ServedState.objectsDocument, encoding: .utf8)
    #expect(saved.contains("rollouts.argoproj.io"))
    #expect(!saved.contains("analysisruns.argoproj.io"))
    let again = try ServedAnalysisRunTests(directory: directory)
    let run = try await again.send("GET", Self.runs + "/" + Self.runName)
    #expect(run.status == 200)
    #expect(run.json["status"]?["phase"] == "Failed")
    try await again.cluster.stop()
  }
}
