import Engine
import Yams

/// What to do with a field the object's kind does not have, as kubectl's `--validate`:
/// `strict` refuses the file, `warn` reports it and goes on, `ignore` says nothing.
public enum FieldValidation: String, Sendable, CaseIterable {
  case strict
  case warn
  case ignore
}

/// Finds the fields of a manifest document its kind does not have, and the keys under our
/// `rollout.dev/` annotation prefix the engine does not read.
enum UnknownFields {
  /// The `rollout.dev/` annotations a manifest may carry.
  static let rolloutAnnotations: [String] = [
    Annotations.strategy, Annotations.strategyParams, SafetyEnvelope.annotation,
    RolloutState.annotation, Annotations.analysisTemplates,
  ]
  static let rolloutPrefix = "rollout.dev/"

  /// Each unknown field of `document` as a violation naming its path and the closest known name.
  static func find(in document: Node, schema: FieldSchema) -> [FieldViolation] {
    var found: [FieldViolation] = []
    walk(document, schema, path: "", into: &found)
    for metadata in ["metadata", "spec.template.metadata"] {
      guard let node = node(at: metadata, in: document) else { continue }
      for key in node.member("annotations")?.mapping?.keys.compactMap(\.string) ?? []
      where key.hasPrefix(rolloutPrefix) && !rolloutAnnotations.contains(key) {
        found.append(
          FieldViolation(
            "\(metadata).annotations.\(key)",
            "unknown annotation \"\(key)\""
              + FieldSuggestion.suggestion(for: key, among: rolloutAnnotations)))
      }
    }
    return found
  }

  private static func node(at path: String, in document: Node) -> Node? {
    path.split(separator: ".").reduce(Optional(document)) { $0?.member(String($1)) }
  }

  private static func walk(
    _ node: Node, _ schema: FieldSchema, path: String, into found: inout [FieldViolation]
  ) {
    switch (schema, node) {
    case (.object(let fields), .mapping(let mapping)):
      for (key, value) in mapping {
        guard let name = key.string else { continue }
        let child = path.isEmpty ? name : "\(path).\(name)"
        guard let known = fields[name] else {
          found.append(
            FieldViolation(
              child,
              "unknown field \"\(name)\""
                + FieldSuggestion.suggestion(for: name, among: Array(fields.keys))
            ))
          continue
        }
        walk(value, known, path: child, into: &found)
      }
    case (.list(let element), .sequence(let sequence)):
      for (index, value) in sequence.enumerated() {
        walk(value, element, path: "\(path)[\(index)]", into: &found)
      }
    default:
      // A value of the wrong shape is the decoder's to report.
      break
    }
  }
}
