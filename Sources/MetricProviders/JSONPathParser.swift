/// Reads a kubectl-style JSONPath template into `JSONPath.Step`s (see `JSONPath`).
struct JSONPathParser {
  private let template: String
  private let characters: [Character]
  private var index = 0

  init(_ template: String) {
    self.template = template
    var body = Substring(template).trimmingWhitespace()
    if body.first == "{" || body.last == "}" {
      body = body.dropFirst().dropLast().trimmingWhitespace()
    }
    characters = Array(body)
  }

  /// The steps, after a check that the template is one `{…}` expression.
  mutating func steps() throws(JSONPathError) -> [JSONPath.Step] {
    let trimmed = Substring(template).trimmingWhitespace()
    if trimmed.first == "{" || trimmed.last == "}" {
      guard trimmed.first == "{", trimmed.last == "}", trimmed.count >= 2,
        !trimmed.dropFirst().dropLast().contains("{")
      else { throw failure("a template is one expression in braces, like {$.data.value}") }
    }
    guard !characters.isEmpty else { throw failure("the path is empty") }
    if characters.first == "$" { index = 1 }
    var steps: [JSONPath.Step] = []
    while index < characters.count {
      switch characters[index] {
      case ".": steps.append(try dotStep())
      case "[": steps.append(try bracketStep())
      default: throw failure("expected '.' or '[' at \"\(rest)\"")
      }
    }
    return steps
  }

  private var rest: String { String(characters[index...]) }

  private func failure(_ what: String) -> JSONPathError {
    JSONPathError("the JSONPath \(template) cannot be read: \(what)")
  }

  /// `.name` (a `\` takes the next character as it is), `.*`.
  private mutating func dotStep() throws(JSONPathError) -> JSONPath.Step {
    index += 1
    guard index < characters.count else { throw failure("a '.' ends the path") }
    switch characters[index] {
    case ".": throw failure("recursive descent (..) is not supported")
    case "*":
      index += 1
      return .wildcard
    case "[": throw failure("expected a field name after '.', not '['")
    default: break
    }
    var name = ""
    while index < characters.count, characters[index] != ".", characters[index] != "[" {
      if characters[index] == "\\", index + 1 < characters.count { index += 1 }
      name.append(characters[index])
      index += 1
    }
    return .member(name)
  }

  /// `[N]`, `[start:end]`, `[*]`, `['name']`, `["name"]`.
  private mutating func bracketStep() throws(JSONPathError) -> JSONPath.Step {
    index += 1
    guard index < characters.count else { throw failure("an unclosed '['") }
    if characters[index] == "'" || characters[index] == "\"" {
      let name = try quoted(characters[index])
      try close()
      return .member(name)
    }
    var content = ""
    while index < characters.count, characters[index] != "]" {
      content.append(characters[index])
      index += 1
    }
    try close()
    let inner = Substring(content).trimmingWhitespace()
    if inner == "*" { return .wildcard }
    if inner.hasPrefix("?") { throw failure("filters ([?(…)]) are not supported") }
    if inner.contains(",") { throw failure("unions ([a,b]) are not supported") }
    if inner.contains(":") { return try slice(inner) }
    guard let number = Int(inner) else {
      throw failure("[\(content)] is neither an index, a slice, '*' nor a quoted name")
    }
    return .index(number)
  }

  private mutating func quoted(_ quote: Character) throws(JSONPathError) -> String {
    index += 1
    var name = ""
    while index < characters.count, characters[index] != quote {
      if characters[index] == "\\", index + 1 < characters.count { index += 1 }
      name.append(characters[index])
      index += 1
    }
    guard index < characters.count else { throw failure("an unclosed \(quote)") }
    index += 1
    return name
  }

  private mutating func close() throws(JSONPathError) {
    guard index < characters.count, characters[index] == "]" else {
      throw failure("an unclosed '['")
    }
    index += 1
  }

  private func slice(_ text: Substring) throws(JSONPathError) -> JSONPath.Step {
    let bounds = text.split(separator: ":", omittingEmptySubsequences: false)
    guard bounds.count == 2 else {
      throw failure("a slice with a step ([\(text)]) is not supported")
    }
    func bound(_ part: Substring) throws(JSONPathError) -> Int? {
      let part = part.trimmingWhitespace()
      if part.isEmpty { return nil }
      guard let value = Int(part) else { throw failure("[\(text)]: \(part) is not a number") }
      return value
    }
    return .slice(start: try bound(bounds[0]), end: try bound(bounds[1]))
  }
}

extension Substring {
  fileprivate func trimmingWhitespace() -> Substring {
    var text = self
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return text
  }
}
