/// An analysis run as a strategy sees it in `ctx.analysis[label]`: phases, counts and the
/// measurements with their values as numbers where they are numbers.
extension AnalysisRun {
  public var strategyView: JSONValue {
    var metricsView: [String: JSONValue] = [:]
    for result in results {
      let measurements = result.measurements.map(\.strategyView)
      var view: [String: JSONValue] = [
        "phase": .string(result.phase.rawValue), "count": .int(result.count),
        "successful": .int(result.successful), "failed": .int(result.failed),
        "inconclusive": .int(result.inconclusive), "error": .int(result.error),
        "consecutiveError": .int(result.consecutiveError), "measurements": .array(measurements),
      ]
      if let message = result.message { view["message"] = .string(message) }
      if let last = result.measurements.last(where: { $0.value != nil }) {
        view["value"] = last.numericValue
      }
      metricsView[result.name] = .object(view)
    }
    var view: [String: JSONValue] = [
      "name": .string(name), "label": .string(label), "phase": .string(phase.rawValue),
      "subject": .string(subject), "startedAt": .double(startedAt),
      "terminated": .bool(terminated), "enforced": .bool(enforced),
      "templates": .array(templates.map(JSONValue.string)), "metrics": .object(metricsView),
    ]
    if let message { view["message"] = .string(message) }
    if let finishedAt { view["finishedAt"] = .double(finishedAt) }
    return .object(view)
  }
}

extension Measurement {
  var strategyView: JSONValue {
    var view: [String: JSONValue] = ["phase": .string(phase.rawValue), "at": .double(at)]
    if let value {
      view["value"] = numericValue
      view["text"] = .string(value)
    }
    if let message { view["message"] = .string(message) }
    return .object(view)
  }

  /// The value as a number (`0.05`), a list of numbers (`[0.05,0.02]`) or else its text.
  public var numericValue: JSONValue {
    guard let value else { return .null }
    if let number = Double(measurementText: value) { return .double(number) }
    if value.hasPrefix("["), value.hasSuffix("]") {
      let items = value.dropFirst().dropLast().split(separator: ",").map {
        Double(measurementText: String($0))
      }
      if items.allSatisfy({ $0 != nil }) { return .array(items.map { .double($0!) }) }
    }
    return .string(value)
  }
}

extension Double {
  /// A number as a measurement shows it (`0.05`, `NaN`, `+Inf`, `-Inf`; `inf` in any case).
  public init?(measurementText text: String) {
    switch text.lowercased() {
    case "nan": self = .nan
    case "+inf", "inf": self = .infinity
    case "-inf": self = -.infinity
    default:
      guard let number = Double(text) else { return nil }
      self = number
    }
  }
}
