import Engine

/// Checks the spec of an `AnalysisTemplate` or `ClusterAnalysisTemplate` as read from the
/// manifest, before it is decoded, and returns every problem, each naming its field:
///
/// - `metrics` present and non-empty; each metric a map with a unique, non-empty `name`.
/// - `interval` and `initialDelay` durations (`30s`, `5m`; see `parseDuration`).
/// - `count`, `failureLimit`, `inconclusiveLimit`, `consecutiveErrorLimit` integers, or strings
///   with an `{{args.NAME}}` reference.
/// - `successCondition` and `failureCondition` expressions that parse (`AnalysisCondition`),
///   with the column of a syntax error.
/// - exactly one provider `rollout` supports, with the fields it needs
///   (`AnalysisProviderValidation`).
/// - each argument with a unique, non-empty `name`.
///
/// `{{args.NAME}}` in a duration or a condition is substituted when the run starts: a duration
/// holding one is not checked, and a condition is parsed with each reference read as a number.
enum AnalysisTemplateValidation {
  static func problems(in spec: JSONValue?) -> [FieldViolation] {
    var problems: [FieldViolation] = []
    let metrics = list(spec?["metrics"], "spec.metrics", into: &problems)
    if metrics?.isEmpty == true {
      problems.append(FieldViolation("spec.metrics", "must be non-empty"))
    }
    var names: [String: Int] = [:]
    for (index, metric) in (metrics ?? []).enumerated() {
      let path = "spec.metrics[\(index)]"
      guard case .object = metric else {
        problems.append(FieldViolation(path, "expected a map, got \(describe(metric))"))
        continue
      }
      problems += uniqueName(metric["name"], in: "spec.metrics", index: index, seen: &names)
      problems += check(metric: metric, at: path)
    }
    var argumentNames: [String: Int] = [:]
    if let arguments = spec?["args"], arguments != .null {
      for (index, argument) in (list(arguments, "spec.args", into: &problems) ?? []).enumerated() {
        problems += uniqueName(
          argument["name"], in: "spec.args", index: index, seen: &argumentNames)
      }
    }
    return problems
  }

  /// The list at `path`: a problem when absent or not a list.
  private static func list(
    _ value: JSONValue?, _ path: String, into problems: inout [FieldViolation]
  ) -> [JSONValue]? {
    switch value {
    case nil, .null?:
      problems.append(FieldViolation(path, "required value is missing"))
      return nil
    case .array(let items)?:
      return items
    case let other?:
      problems.append(FieldViolation(path, "expected a list, got \(describe(other))"))
      return nil
    }
  }

  /// The `name` of entry `index` of `list`: non-empty and not that of an earlier entry.
  private static func uniqueName(
    _ value: JSONValue?, in list: String, index: Int, seen: inout [String: Int]
  ) -> [FieldViolation] {
    let path = "\(list)[\(index)].name"
    guard let name = value?.stringValue, !name.isEmpty else {
      return [FieldViolation(path, "must be non-empty")]
    }
    if let first = seen[name] {
      return [FieldViolation(path, "\"\(name)\" is already the name of \(list)[\(first)]")]
    }
    seen[name] = index
    return []
  }

  private static func check(metric: JSONValue, at path: String) -> [FieldViolation] {
    var problems: [FieldViolation] = []
    for field in ["interval", "initialDelay"] {
      guard let value = metric[field], value != .null else { continue }
      let text = value.stringValue ?? value.intValue.map(String.init)
      guard let text else {
        problems.append(
          FieldViolation("\(path).\(field)", "expected a duration, got \(describe(value))"))
        continue
      }
      guard !text.contains("{{") else { continue }
      do {
        _ = try parseDuration(text)
      } catch {
        problems.append(FieldViolation("\(path).\(field)", "\(error)"))
      }
    }
    for field in ["count", "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit"] {
      guard let value = metric[field], value != .null, !isCount(value) else { continue }
      problems.append(
        FieldViolation(
          "\(path).\(field)",
          "expected an integer or an {{args.NAME}} reference, got \(describe(value))"))
    }
    for field in ["successCondition", "failureCondition"] {
      guard let value = metric[field], value != .null else { continue }
      guard let source = value.stringValue else {
        problems.append(
          FieldViolation("\(path).\(field)", "expected a string, got \(describe(value))"))
        continue
      }
      do {
        _ = try AnalysisCondition(parsing: placeholdingArguments(source))
      } catch {
        problems.append(FieldViolation("\(path).\(field)", error.description))
      }
    }
    problems += AnalysisProviderValidation.problems(in: metric["provider"], at: "\(path).provider")
    return problems
  }

  /// An integer, a string holding one, or a string with an argument reference.
  private static func isCount(_ value: JSONValue) -> Bool {
    if value.intValue != nil { return true }
    guard let text = value.stringValue else { return false }
    return Int(text) != nil || text.contains("{{")
  }

  /// `source` with each `{{…}}` replaced by `0` and spaces to its width, so the columns of a
  /// syntax error are those of the source.
  static func placeholdingArguments(_ source: String) -> String {
    var output = ""
    var rest = source[...]
    while let open = rest.range(of: "{{"),
      let close = rest[open.upperBound...].range(of: "}}")
    {
      output += rest[..<open.lowerBound]
      let width = rest.distance(from: open.lowerBound, to: close.upperBound)
      output += "0" + String(repeating: " ", count: width - 1)
      rest = rest[close.upperBound...]
    }
    return output + rest
  }

  /// How a value reads in a message: a string quoted, a number as is, else its shape.
  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): "\(flag)"
    case .int(let number): "\(number)"
    case .double(let number): "\(number)"
    case .string(let text): "\"\(text)\""
    case .array: "a list"
    case .object: "a map"
    }
  }
}
