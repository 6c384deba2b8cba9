import Engine

/// The rollout an AnalysisRun object belongs to, as its `ownerReferences` name it.
struct AnalysisRunOwner: Sendable, Hashable {
  /// `argoproj.io/v1alpha1` or `apps/v1`.
  var apiVersion: String
  /// `Rollout` or `Deployment`.
  var kind: String
  var name: String
  var namespace: String
  var uid: String?

  /// The owner of the runs in a Deployment's or Rollout's wire form.
  init?(_ object: JSONValue) {
    guard let kind = object["kind"]?.stringValue,
      let name = object["metadata"]?["name"]?.stringValue
    else { return nil }
    self.apiVersion = object["apiVersion"]?.stringValue ?? ""
    self.kind = kind
    self.name = name
    self.namespace = object["metadata"]?["namespace"]?.stringValue ?? "default"
    self.uid = object["metadata"]?["uid"]?.stringValue
  }

  init(apiVersion: String, kind: String, name: String, namespace: String, uid: String?) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.namespace = namespace
    self.uid = uid
  }

  /// Whether `object` (an AnalysisRun's wire form) names this owner as its controller.
  func owns(_ object: JSONValue) -> Bool {
    let owner = object["metadata"]?["ownerReferences"]?.arrayValue?.first
    return owner?["kind"]?.stringValue == kind && owner?["name"]?.stringValue == name
  }
}

extension WireEncoding {
  /// The label Argo Rollouts puts on an AnalysisRun: the hash of the ReplicaSet it analyses.
  static let podTemplateHashLabel = "rollouts-pod-template-hash"
  /// The annotation Argo Rollouts puts on an AnalysisRun: the rollout revision that started it.
  static let revisionAnnotation = "rollout.argoproj.io/revision"

  /// An engine `AnalysisRun` as Argo's `argoproj.io/v1alpha1 AnalysisRun`: its resolved
  /// metrics as `spec.metrics`, and `status` with the phase, message, start, a run summary and
  /// each metric's result and retained measurements. Times are the served clock's; a
  /// measurement is instantaneous here, so it starts and finishes at the same time.
  ///
  /// - Parameter podTemplateHash: the analysed ReplicaSet's `pod-template-hash`, if known.
  func analysisRun(_ run: AnalysisRun, owner: AnalysisRunOwner, podTemplateHash: String?)
    -> JSONValue
  {
    var metadata: [String: JSONValue] = [
      "name": .string(run.name), "namespace": .string(owner.namespace),
      "uid": .string("\(owner.uid ?? owner.name)-analysisrun-\(run.revision)-\(run.label)"),
      "generation": 1, "creationTimestamp": clock.timestamp(run.startedAt),
      "annotations": .object([Self.revisionAnnotation: .string(String(run.revision))]),
      "ownerReferences": .array([
        .object([
          "apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind),
          "name": .string(owner.name), "uid": .string(owner.uid ?? ""), "controller": true,
          "blockOwnerDeletion": true,
        ])
      ]),
    ]
    if let podTemplateHash {
      metadata["labels"] = .object([Self.podTemplateHashLabel: .string(podTemplateHash)])
    }
    var spec: [String: JSONValue] = ["metrics": .array(run.metrics.map { JSONValue.encoded($0) })]
    if run.terminated { spec["terminate"] = true }
    return .object([
      "apiVersion": "argoproj.io/v1alpha1", "kind": "AnalysisRun",
      "metadata": .object(metadata), "spec": .object(spec), "status": status(of: run),
    ])
  }

  private func status(of run: AnalysisRun) -> JSONValue {
    var status: [String: JSONValue] = [
      "phase": .string(run.phase.rawValue), "startedAt": clock.timestamp(run.startedAt),
      "metricResults": .array(run.results.map(metricResult)),
      "runSummary": runSummary(run.results),
    ]
    if let message = run.message { status["message"] = .string(message) }
    if let finishedAt = run.finishedAt { status["completedAt"] = clock.timestamp(finishedAt) }
    return .object(status)
  }

  /// Argo's `RunSummary`: how many metrics the run has, and how many completed in each phase.
  private func runSummary(_ results: [MetricResult]) -> JSONValue {
    func count(_ phase: AnalysisPhase) -> JSONValue {
      .int(results.count(where: { $0.phase == phase }))
    }
    return .object([
      "count": .int(results.count), "successful": count(.successful), "failed": count(.failed),
      "inconclusive": count(.inconclusive), "error": count(.error),
    ])
  }

  private func metricResult(_ result: MetricResult) -> JSONValue {
    var members: [String: JSONValue] = [
      "name": .string(result.name), "phase": .string(result.phase.rawValue),
      "count": .int(result.count), "successful": .int(result.successful),
      "failed": .int(result.failed), "inconclusive": .int(result.inconclusive),
      "error": .int(result.error), "consecutiveError": .int(result.consecutiveError),
      "measurements": .array(result.measurements.map(measurement)),
    ]
    if let message = result.message { members["message"] = .string(message) }
    return .object(members)
  }

  private func measurement(_ measurement: Measurement) -> JSONValue {
    var members: [String: JSONValue] = [
      "phase": .string(measurement.phase.rawValue), "startedAt": clock.timestamp(measurement.at),
    ]
    if measurement.phase.isCompleted { members["finishedAt"] = clock.timestamp(measurement.at) }
    if let value = measurement.value { members["value"] = .string(value) }
    if let message = measurement.message { members["message"] = .string(message) }
    return .object(members)
  }
}
