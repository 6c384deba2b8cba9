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
    RolloutState.annotation,
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

/// The known name a misspelt one was probably meant to be.
public enum FieldSuggestion {
  /// ` (did you mean "replicas"?)` when a known name is close enough to be the intended one.
  public static func suggestion(for name: String, among known: [String]) -> String {
    let ranked = known.map {
      (name: $0, distance: editDistance(name.lowercased(), $0.lowercased()))
    }
    .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
    guard let best = ranked.first, best.distance <= max(2, name.count / 3) else { return "" }
    return " (did you mean \"\(best.name)\"?)"
  }

  /// Levenshtein distance: the fewest single-character insertions, deletions and
  /// substitutions that turn `a` into `b`.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      previous = current
    }
    return previous[b.count]
  }
}
