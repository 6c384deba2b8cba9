import Engine
import Foundation

/// One JSON object per line, for machines. Every ReplicaSet scale is
/// `{"type":"scale","time":…,"replicaSet":…,"revision":…,"from":…,"to":…}`; the run ends with
/// one `{"type":"summary",…}` line per deployment. As one document (`--output json`), the same
/// objects are printed at the end as `{"type":"run","events":[…],"summaries":[…]}`.
final class JSONLReporter: Reporter {
  /// Collect everything into one document printed at the end, instead of a line each.
  let document: Bool
  private var events: [JSONValue] = []
  private var summaries: [JSONValue] = []

  init(document: Bool = false) { self.document = document }

  private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  private func write(_ object: [String: JSONValue]) {
    if document {
      if object["type"] == "summary" {
        summaries.append(.object(object))
      } else {
        events.append(.object(object))
      }
      return
    }
    guard let data = try? encoder.encode(JSONValue.object(object)) else { return }
    emit(String(decoding: data, as: UTF8.self) + "\n")
  }

  func event(_ event: RolloutEvent) {
    var line: [String: JSONValue] = ["time": .double(event.time)]
    switch event {
    case .replicaSetCreated(_, let deployment, let rs, let revision):
      line.merge([
        "type": "created", "deployment": .string(deployment.name), "replicaSet": .string(rs),
        "revision": .int(revision),
      ]) { $1 }
    case .replicaSetAdopted(_, let deployment, let rs, let revision):
      line.merge([
        "type": "adopted", "deployment": .string(deployment.name), "replicaSet": .string(rs),
        "revision": .int(revision),
      ]) { $1 }
    case .scaled(_, let deployment, let rs, let revision, let from, let to, let cause):
      line.merge([
        "type": "scale", "deployment": .string(deployment.name), "replicaSet": .string(rs),
        "revision": .int(revision), "from": .int(from), "to": .int(to),
        "cause": .string(cause.rawValue),
      ]) { $1 }
    case .step(_, let deployment, let message):
      line.merge([
        "type": "step", "deployment": .string(deployment.name), "message": .string(message),
      ]) { $1 }
    case .paused(_, let deployment, let reason, let until):
      line.merge([
        "type": "paused", "deployment": .string(deployment.name), "reason": .string(reason),
        "until": until.map(JSONValue.double) ?? .null,
      ]) { $1 }
    case .resumed(_, let deployment, let reason):
      line.merge([
        "type": "resumed", "deployment": .string(deployment.name), "reason": .string(reason),
      ]) { $1 }
    case .degraded(_, let deployment, let reason, let message):
      line.merge([
        "type": "degraded", "deployment": .string(deployment.name), "reason": .string(reason),
        "message": .string(message),
      ]) { $1 }
    case .progressDeadlineExceeded(_, let deployment, let message):
      line.merge([
        "type": "progressDeadlineExceeded", "deployment": .string(deployment.name),
        "message": .string(message),
      ]) { $1 }
    case .completed(_, let deployment, let revision):
      line.merge([
        "type": "completed", "deployment": .string(deployment.name), "revision": .int(revision),
      ]) { $1 }
    case .servicePointed(_, let deployment, let service, let rs):
      line.merge([
        "type": "service", "deployment": .string(deployment.name), "service": .string(service),
        "replicaSet": rs.map(JSONValue.string) ?? .null,
      ]) { $1 }
    case .replicaSetDeleted(_, let deployment, let rs, let revision):
      line.merge([
        "type": "deleted", "deployment": .string(deployment.name), "replicaSet": .string(rs),
        "revision": .int(revision),
      ]) { $1 }
    case .analysis(_, let deployment, let run, let phase, let message):
      line.merge([
        "type": "analysis", "deployment": .string(deployment.name), "run": .string(run),
        "phase": .string(phase.rawValue), "message": message.map(JSONValue.string) ?? .null,
      ]) { $1 }
    }
    write(line)
  }

  func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {}

  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double) {
    for (outcome, key) in zip(outcomes, keys) {
      write([
        "type": "summary", "deployment": .string(key.name), "namespace": .string(key.namespace),
        "result": .string(outcome.result.rawValue), "phase": .string(outcome.phase.rawValue),
        "reason": outcome.reason.map(JSONValue.string) ?? .null,
        "message": outcome.message.map(JSONValue.string) ?? .null,
        "revision": .int(outcome.revision), "time": .double(outcome.finished),
        "duration": .double(outcome.duration), "peakPods": .int(outcome.metrics.peakPods),
        "minAvailable": outcome.metrics.minAvailable.map(JSONValue.int) ?? .null,
        "available": .int(outcome.metrics.available),
        "exitCode": .int(Int(outcome.result.exitCode)), "wallSeconds": .double(wallSeconds),
      ])
    }
    if document {
      emit(
        JSONValue.object([
          "type": "run", "events": .array(events), "summaries": .array(summaries),
        ]).compactJSON + "\n")
    }
  }
}
