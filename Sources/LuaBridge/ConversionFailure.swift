/// A value that could not cross the bridge; the path is built only when one fails.
struct ConversionFailure: Error {
  enum Component {
    case key(String)
    case index(Int)
  }

  var reason: String
  /// Innermost component first.
  var reversedPath: [Component] = []

  init(_ reason: String) {
    self.reason = reason
  }

  func adding(_ component: Component) -> ConversionFailure {
    var copy = self
    copy.reversedPath.append(component)
    return copy
  }

  func path(root: String) -> String {
    CodingPathFormatter.render(root: root, components: reversedPath.reversed())
  }
}

/// Renders paths like `decision.scale.web-1` or `result.scale[3]` (indices 1-based).
enum CodingPathFormatter {
  static func render(root: String?, components: some Sequence<ConversionFailure.Component>)
    -> String
  {
    var text = root ?? ""
    for component in components {
      switch component {
      case .key(let key): text += text.isEmpty ? key : ".\(key)"
      case .index(let index): text += "[\(index)]"
      }
    }
    return text.isEmpty ? "(value)" : text
  }

  static func render(root: String?, codingPath: [any CodingKey]) -> String {
    render(
      root: root,
      components: codingPath.map { key in
        if let index = key.intValue, key.stringValue.isEmpty || key.stringValue == "Index \(index)"
        {
          return .index(index + 1)
        }
        return .key(key.stringValue)
      })
  }
}
