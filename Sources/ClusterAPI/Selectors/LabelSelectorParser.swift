/// Reads a label selector into requirements with the API server's grammar and messages:
///
///     selector    := requirement ("," requirement)*
///     requirement := ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
///
/// `in` and `notin` are plain words where a key or value stands (`in=notin` is a requirement).
/// The empty selector selects everything.
struct LabelSelectorParser {
  private typealias Token = LabelSelectorLexer.Token
  private typealias Item = LabelSelectorLexer.Item

  /// What the next token is read as: keywords are operators only after a key.
  private enum Context { case operatorPlace, valuePlace }

  private let items: [Item]
  private var position = 0

  private init(_ text: String) { items = LabelSelectorLexer.items(text) }

  /// The requirements of `text`, in the order written.
  static func requirements(_ text: String) -> Result<[LabelRequirement], SelectorFailure> {
    var parser = LabelSelectorParser(text)
    do throws(SelectorFailure) {
      return .success(try parser.selector())
    } catch {
      return .failure(error)
    }
  }

  private mutating func selector() throws(SelectorFailure) -> [LabelRequirement] {
    var requirements: [LabelRequirement] = []
    while true {
      let ahead = peek(.valuePlace)
      switch ahead.token {
      case .identifier, .not:
        do throws(SelectorFailure) {
          requirements.append(try requirement())
        } catch {
          throw SelectorFailure("unable to parse requirement: " + error.message)
        }
        let after = take(.valuePlace)
        switch after.token {
        case .end:
          return requirements
        case .comma:
          let next = peek(.valuePlace)
          guard next.token == .identifier || next.token == .not else {
            throw SelectorFailure("found '\(next.literal)', expected: identifier after ','")
          }
        default:
          throw SelectorFailure("found '\(after.literal)', expected: ',' or 'end of string'")
        }
      case .end:
        return requirements
      default:
        throw SelectorFailure(
          "found '\(ahead.literal)', expected: !, identifier, or 'end of string'")
      }
    }
  }

  private mutating func requirement() throws(SelectorFailure) -> LabelRequirement {
    let (key, unary) = try keyAndUnaryOperator()
    if let unary { return try LabelRequirement.make(key: key, op: unary, values: []).get() }
    let op = try binaryOperator()
    let values: [String]
    switch op {
    case .inSet, .notInSet: values = try valueSet()
    default: values = try singleValue()
    }
    return try LabelRequirement.make(key: key, op: op, values: values).get()
  }

  /// The key, and `exists` or `!` when no binary operator follows (`!key` with one following is
  /// still `!`, and what follows is then refused).
  private mutating func keyAndUnaryOperator() throws(SelectorFailure) -> (
    String, LabelRequirement.Operator?
  ) {
    var item = take(.valuePlace)
    var negated = false
    if item.token == .not {
      negated = true
      item = take(.valuePlace)
    }
    guard item.token == .identifier else {
      throw SelectorFailure("found '\(item.literal)', expected: identifier")
    }
    let problems = LabelSyntax.keyProblems(item.literal)
    if !problems.isEmpty {
      throw SelectorFailure(
        FieldErrorText.invalid(
          path: "<nil>", value: item.literal, detail: problems.joined(separator: "; ")))
    }
    if negated { return (item.literal, .doesNotExist) }
    let next = peek(.valuePlace).token
    return (item.literal, next == .end || next == .comma ? .exists : nil)
  }

  private mutating func binaryOperator() throws(SelectorFailure) -> LabelRequirement.Operator {
    let item = take(.operatorPlace)
    switch item.token {
    case .inKeyword: return .inSet
    case .notInKeyword: return .notInSet
    case .equals: return .equals
    case .doubleEquals: return .doubleEquals
    case .notEquals: return .notEquals
    case .greaterThan: return .greaterThan
    case .lessThan: return .lessThan
    default:
      throw SelectorFailure("found '\(item.literal)', expected: in, notin, =, ==, !=, gt, lt")
    }
  }

  /// `(a,b,c)`: a set, where an empty member (`(a,)`, `()`) is the empty value.
  private mutating func valueSet() throws(SelectorFailure) -> [String] {
    let open = take(.valuePlace)
    guard open.token == .openParen else {
      throw SelectorFailure("found '\(open.literal)' expected: '('")
    }
    let first = peek(.valuePlace)
    switch first.token {
    case .identifier, .comma:
      let values = try memberList()
      guard take(.valuePlace).token == .closeParen else {
        throw SelectorFailure("found '\(first.literal)', expected: ')'")
      }
      return values
    case .closeParen:
      _ = take(.valuePlace)
      return [""]
    default:
      throw SelectorFailure("found '\(first.literal)', expected: ',', ')' or identifier")
    }
  }

  /// The members up to (not taking) the closing `)`, sorted, without repeats.
  private mutating func memberList() throws(SelectorFailure) -> [String] {
    var members = Set<String>()
    while true {
      let item = take(.valuePlace)
      switch item.token {
      case .identifier:
        members.insert(item.literal)
        let next = peek(.valuePlace)
        switch next.token {
        case .comma: continue
        case .closeParen: return members.sorted(by: Self.byteOrder)
        default: throw SelectorFailure("found '\(next.literal)', expected: ',' or ')'")
        }
      case .comma:
        if members.isEmpty { members.insert("") }
        switch peek(.valuePlace).token {
        case .closeParen:
          members.insert("")
          return members.sorted(by: Self.byteOrder)
        case .comma:
          members.insert("")
        default:
          break
        }
      default:
        throw SelectorFailure("found '\(item.literal)', expected: ',', or identifier")
      }
    }
  }

  /// The value after `=`, `==`, `!=`, `>` or `<`; nothing there is the empty value.
  private mutating func singleValue() throws(SelectorFailure) -> [String] {
    let next = peek(.valuePlace).token
    if next == .end || next == .comma { return [""] }
    let item = take(.valuePlace)
    guard item.token == .identifier else {
      throw SelectorFailure("found '\(item.literal)', expected: identifier")
    }
    return [item.literal]
  }

  private func peek(_ context: Context) -> Item {
    Self.read(items[min(position, items.count - 1)], context)
  }

  private mutating func take(_ context: Context) -> Item {
    let item = peek(context)
    position += 1
    return item
  }

  private static func read(_ item: Item, _ context: Context) -> Item {
    guard context == .valuePlace, item.token == .inKeyword || item.token == .notInKeyword else {
      return item
    }
    return Item(token: .identifier, literal: item.literal)
  }

  /// Go's string order: bytewise.
  static func byteOrder(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
  }
}
