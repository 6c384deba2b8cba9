import ArgumentParser
import Engine
import RolloutAPI

/// `rollout history NAME [--revision N] [--decisions]`: kubectl's rollout history, or the
/// strategy's decisions from the decision log.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List a deployment's revisions with their change cause, or show one revision.")

  @OptionGroup var target: TargetOptions
  @Option(help: "Show the pod template of this revision.") var revision: Int?
  @Flag(
    help:
      "List the strategy's decisions (of --revision only, when given): time, step, outcome, scales, message or error."
  )
  var decisions = false
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let view =
      cluster.isGiven ? try cluster.view(target.name, namespace: target.givenNamespace) : nil
    let session = view == nil ? try Session(store: store, simulation: nil) : nil
    let deployment =
      try view?.deployment ?? session!.deployment(named: target.name, namespace: target.namespace)
    let printer = RecordPrinter(output.output)
    defer {
      printer.finish(decisions ? "decisions" : "history", ["deployment": .string(target.name)])
    }
    if decisions {
      let records =
        try view.map { view in
          view.decisions.filter { revision == nil || $0.revision == revision }
        } ?? session!.decisions(of: deployment.key, revision: revision)
      printer.text(
        records.isEmpty
          ? "no decisions recorded for deployment \"\(target.name)\"\n"
          : DecisionLogFormat.table(records))
      for record in records { printer.record(nil, JSONValue(encoding: record, type: "decision")) }
      return
    }
    let history =
      view.map { view in
        RevisionHistory(
          deployment: view.deployment,
          replicaSets: view.replicaSets.sorted { $0.revision < $1.revision })
      } ?? session!.history(of: deployment)
    if let revision {
      guard let rs = history.replicaSet(revision: revision) else {
        throw InputError("unable to find the specified revision \(revision)")
      }
      printer.record(
        Self.describe(rs, resource: history.resource, revision: revision),
        Self.revisionJSON(rs, revision: revision))
      return
    }
    printer.text("\(history.resource) \nREVISION  CHANGE-CAUSE\n")
    for rs in history.replicaSets where rs.revision > 0 {
      let cause = rs.metadata.annotation(Annotations.changeCause)
      printer.record(
        pad(String(rs.revision), 10) + (cause ?? "<none>") + "\n",
        .object([
          "type": "revision", "revision": .int(rs.revision),
          "replicaSet": .string(rs.metadata.name),
          "changeCause": cause.map(JSONValue.string) ?? .null,
        ]))
    }
  }

  /// One revision's pod template as a JSON object.
  static func revisionJSON(_ rs: ReplicaSet, revision: Int) -> JSONValue {
    let template = rs.spec.template
    return .object([
      "type": "revision", "revision": .int(revision), "replicaSet": .string(rs.metadata.name),
      "labels": .object((template.metadata?.labels ?? [:]).mapValues(JSONValue.string)),
      "annotations": .object((template.metadata?.annotations ?? [:]).mapValues(JSONValue.string)),
      "containers": .array(
        template.containers.map {
          .object(["name": .string($0.name), "image": .string($0.image)])
        }),
    ])
  }

  /// The pod template of one revision, in kubectl's layout.
  static func describe(_ rs: ReplicaSet, resource: String, revision: Int) -> String {
    let template = rs.spec.template
    var lines = ["\(resource) with revision #\(revision)", "Pod Template:"]
    let labels = (template.metadata?.labels ?? [:]).sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }
    lines.append(
      "  Labels:\t" + (labels.isEmpty ? "<none>" : labels.joined(separator: "\n\t"))
    )
    let annotations = (template.metadata?.annotations ?? [:]).sorted { $0.key < $1.key }
      .map { "\($0.key): \($0.value)" }
    if !annotations.isEmpty {
      lines.append("  Annotations:\t" + annotations.joined(separator: "\n\t"))
    }
    lines.append("  Containers:")
    for container in template.containers {
      lines.append("   \(container.name):")
      lines.append("    Image:\t\(container.image)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
