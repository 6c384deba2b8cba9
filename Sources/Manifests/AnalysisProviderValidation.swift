import Engine

/// Checks a metric's `provider`: exactly one of those `rollout` supports (prometheus, web,
/// simulated), with the fields that provider needs. Argo's other providers beside it are
/// ignored with a warning (`AnalysisSupport`); alone, they are a problem. Keys that are no
/// provider at all are `UnknownFields`' to report.
enum AnalysisProviderValidation {
  static let webMethods = ["GET", "POST", "PUT"]

  static func problems(in provider: JSONValue?, at path: String) -> [FieldViolation] {
    guard let provider, provider != .null else {
      return [FieldViolation(path, "required value is missing")]
    }
    guard let members = provider.objectValue else {
      return [
        FieldViolation(
          path, "expected a map, got \(AnalysisTemplateValidation.describe(provider))")
      ]
    }
    let named = members.keys.filter(AnalysisSupport.providers.contains).sorted()
    let foreign = members.keys.filter(KnownFields.foreignProviders.contains).sorted()
    let choices = "prometheus, web or simulated"
    guard named.count == 1, let name = named.first else {
      let message =
        named.count > 1
        ? "must name exactly one provider, got \(named.joined(separator: " and "))"
        : foreign.isEmpty
          ? "must name exactly one provider: \(choices)"
          : "\(foreign.joined(separator: " and ")) \(foreign.count == 1 ? "is" : "are") not "
            + "supported yet; use \(choices)"
      return [FieldViolation(path, message)]
    }
    let settings = members[name] ?? .null
    let place = "\(path).\(name)"
    if name == "simulated", settings == .null { return [] }
    guard case .object = settings else {
      return [
        FieldViolation(
          place, "expected a map, got \(AnalysisTemplateValidation.describe(settings))")
      ]
    }
    switch name {
    case "prometheus":
      return required(["address", "query"], in: settings, at: place)
    case "web":
      return web(settings, at: place)
    default:
      return []
    }
  }

  private static func web(_ settings: JSONValue, at path: String) -> [FieldViolation] {
    var problems = required(["url"], in: settings, at: path)
    if let method = settings["method"], method != .null,
      !webMethods.contains(method.stringValue ?? "")
    {
      problems.append(
        FieldViolation(
          "\(path).method",
          "must be GET, POST or PUT, got \(AnalysisTemplateValidation.describe(method))"))
    }
    let present = { (field: String) in settings[field].map { $0 != .null } ?? false }
    if present("body") && present("jsonBody") {
      problems.append(FieldViolation("\(path).jsonBody", "give body or jsonBody, not both"))
    }
    return problems
  }

  /// A problem for each of `fields` that is absent or not a non-empty string.
  private static func required(_ fields: [String], in settings: JSONValue, at path: String)
    -> [FieldViolation]
  {
    fields.compactMap { field in
      switch settings[field] {
      case .string(let text)? where !text.isEmpty:
        return nil
      case nil, .null?, .string?:
        return FieldViolation("\(path).\(field)", "required value is missing")
      case let other?:
        return FieldViolation(
          "\(path).\(field)",
          "expected a string, got \(AnalysisTemplateValidation.describe(other))")
      }
    }
  }
}
