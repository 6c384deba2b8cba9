import Engine
import Foundation
import Yams

/// Reads manifest files (`kubectl apply -f` style YAML, several documents separated by `---`)
/// into typed objects, and refuses a file with any invalid object.
///
/// A field its kind does not have (`replicsa`) or an unknown `rollout.dev/` annotation is a
/// problem naming the field and the closest known name (`validation: .strict`, the default, as
/// kubectl's strict field validation), a warning (`.warn`) or nothing (`.ignore`). Fields of the
/// kind's schema that `rollout` does not model are accepted, and server-populated ones (`status`, `metadata.uid`,
/// `creationTimestamp`, `resourceVersion`, `managedFields`…) dropped, so the output of
/// `kubectl get -o yaml` loads as is. Kinds the engine does not handle yet become `warnings`.
/// `metadata.namespace` defaults to `default`.
public enum ManifestLoader {
  /// Loads the file at `path`; messages name the file as `path` is written.
  public static func load(path: String, validation: FieldValidation = .strict)
    throws(ManifestError) -> LoadedManifest
  {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ManifestError(
        file: path,
        problems: [
          ManifestProblem(
            document: nil, path: nil, message: "cannot read the file: \(error.localizedDescription)"
          )
        ])
    }
    return try load(yaml: text, file: path, validation: validation)
  }

  /// Loads manifest text; `file` names it in messages.
  ///
  /// - Throws: `ManifestError` listing every problem of every document; no object is returned
  ///   from a file with a problem.
  public static func load(
    yaml: String, file: String = "<inline>", validation: FieldValidation = .strict
  ) throws(ManifestError) -> LoadedManifest {
    var problems: [ManifestProblem] = []
    var objects: [ManifestObject] = []
    var warnings: [String] = []
    let (documents, parseProblem) = parseDocuments(yaml)

    for (offset, document) in documents.enumerated() {
      let index = offset + 1
      switch read(document, index: index, validation: validation) {
      case .skip: break
      case .object(let object, let notes):
        objects.append(object)
        let label = "document \(index) (\(object.kind) \"\(object.name)\")"
        warnings += notes.map { "\(file): \(label): \($0)" }
      case .warning(let text): warnings.append("\(file): \(text)")
      case .problems(let found): problems += found
      }
    }
    if let parseProblem {
      problems.append(
        ManifestProblem(document: documents.count + 1, path: nil, message: parseProblem))
    }
    guard problems.isEmpty else { throw ManifestError(file: file, problems: problems) }
    return LoadedManifest(file: file, objects: objects, warnings: warnings)
  }

  /// Every document up to the first YAML syntax error, and that error.
  private static func parseDocuments(_ yaml: String) -> ([Node], String?) {
    var documents: [Node] = []
    do {
      let parser = try Parser(yaml: yaml)
      while let node = try parser.nextRoot() { documents.append(node) }
      return (documents, nil)
    } catch let error as YamlError {
      return (documents, describe(error))
    } catch {
      return (documents, "invalid YAML: \(error)")
    }
  }

  private enum Outcome {
    case skip
    case object(ManifestObject, [String])
    case warning(String)
    case problems([ManifestProblem])
  }

  private static func read(_ document: Node, index: Int, validation: FieldValidation) -> Outcome {
    if document.isNull { return .skip }
    guard case .mapping = document else {
      return .problems([
        ManifestProblem(
          document: index, path: nil,
          message: "expected a map with apiVersion and kind, got \(document.shortDescription)")
      ])
    }
    let kind = document.member("kind")?.string ?? ""
    let apiVersion = document.member("apiVersion")?.string ?? ""
    let name = document.member("metadata")?.member("name")?.string ?? ""
    let label: String? =
      kind.isEmpty ? nil : name.isEmpty ? kind : "\(kind) \"\(name)\""
    func problem(_ path: String?, _ message: String) -> Outcome {
      .problems([ManifestProblem(document: index, object: label, path: path, message: message)])
    }

    if kind.isEmpty { return problem("kind", "required value is missing") }
    if apiVersion.isEmpty { return problem("apiVersion", "required value is missing") }
    guard let spec = ManifestKind.find(kind: kind) else {
      let location = "document \(index) (\(label ?? kind))"
      return .warning("\(location): kind \(kind) (\(apiVersion)) is not supported yet; skipped")
    }
    guard spec.apiVersions.contains(apiVersion) else {
      let supported = spec.apiVersions.map { "\"\($0)\"" }.joined(separator: " or ")
      return problem(
        "apiVersion", "\"\(apiVersion)\" is not supported for \(kind); use \(supported)")
    }

    let unknown = validation == .ignore ? [] : UnknownFields.find(in: document, schema: spec.schema)
    let node = sanitize(document, for: spec)
    var violations: [FieldViolation]
    do {
      let (object, notes) = try spec.decode(node)
      violations = spec.validate(object)
      if validation == .strict { violations = unknown + violations }
      let warnings = validation == .warn ? unknown.map(\.description) : []
      if violations.isEmpty { return .object(object, warnings + notes) }
    } catch let error as FieldViolations {
      violations = (validation == .strict ? unknown : []) + error.violations
    } catch let error as DecodingError {
      violations = (validation == .strict ? unknown : []) + [violation(for: error, in: node)]
    } catch {
      violations = (validation == .strict ? unknown : []) + [FieldViolation("", "\(error)")]
    }
    return .problems(
      violations.map {
        ManifestProblem(
          document: index, object: label, path: $0.path.isEmpty ? nil : $0.path,
          message: $0.message)
      })
  }

  /// `line 3, column 7: invalid YAML: mapping values are not allowed in this context`.
  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
      return "line \(mark.line), column \(mark.column): invalid YAML: "
        + detail.joined(separator: " ")
    default:
      return "invalid YAML: \(error)"
    }
  }
}
