/// A parsed condition: evaluated as often as needed without going back to the source.
///
/// Every node keeps the column of the token that names it (an operator, a bracket, a
/// function's name) so that evaluation errors can point there.
indirect enum ConditionNode: Sendable, Hashable {
  case literal(JSONValue)
  /// `[a, b, …]`
  case array([ConditionNode], column: Int)
  /// A variable passed in (`result`).
  case variable(String, column: Int)
  /// `#` (or the subject of a leading `.field`) inside a predicate: the current element.
  case element(column: Int)
  /// `base.name`, `base[key]`; `optional` for `?.`, which yields nil on a nil base.
  case member(ConditionNode, key: ConditionNode, optional: Bool, column: Int)
  case unary(ConditionUnaryOperator, ConditionNode, column: Int)
  case binary(ConditionBinaryOperator, ConditionNode, ConditionNode, column: Int)
  /// `condition ? then : else`
  case conditional(ConditionNode, ConditionNode, ConditionNode, column: Int)
  /// A built-in function; a predicate argument is the body evaluated per element.
  case call(ConditionFunction, [ConditionNode], column: Int)
}

enum ConditionUnaryOperator: String, Sendable, Hashable {
  case not = "!"
  case negate = "-"
  case plus = "+"

  /// Operand binding: `!`/`not` take a comparison's operand, `-`/`+` a power's.
  var precedence: Int { self == .not ? 50 : 90 }

  init?(_ token: ConditionToken) {
    switch token {
    case .symbol("!"), .name("not"): self = .not
    case .symbol("-"): self = .negate
    case .symbol("+"): self = .plus
    default: return nil
    }
  }
}

enum ConditionBinaryOperator: String, Sendable, Hashable {
  case or = "||"
  case and = "&&"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case `in` = "in"
  case contains, startsWith, endsWith
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case modulo = "%"
  case power = "**"
  case coalesce = "??"

  /// expr's binding strengths: higher binds tighter.
  var precedence: Int {
    switch self {
    case .or: 10
    case .and: 15
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .contains,
      .startsWith, .endsWith:
      20
    case .add, .subtract: 30
    case .multiply, .divide, .modulo: 60
    case .power: 100
    case .coalesce: 500
    }
  }

  /// Comparisons chain: `a < b < c` is `a < b && b < c`.
  var isComparison: Bool { precedence == 20 }

  /// Whether `not` may precede it (`x not in list`).
  var isNegatable: Bool { [.in, .contains, .startsWith, .endsWith].contains(self) }

  init?(_ token: ConditionToken) {
    switch token {
    case .symbol("||"), .name("or"): self = .or
    case .symbol("&&"), .name("and"): self = .and
    case .symbol("^"): self = .power
    case .symbol(let text): self.init(rawValue: text)
    case .name(let text) where ["in", "contains", "startsWith", "endsWith"].contains(text):
      self.init(rawValue: text)
    default: return nil
    }
  }
}

extension ConditionNode {
  /// The nodes directly beneath this one.
  var children: [ConditionNode] {
    switch self {
    case .literal, .variable, .element: []
    case .array(let nodes, _), .call(_, let nodes, _): nodes
    case .member(let base, let key, _, _): [base, key]
    case .unary(_, let operand, _): [operand]
    case .binary(_, let left, let right, _): [left, right]
    case .conditional(let a, let b, let c, _): [a, b, c]
    }
  }

  /// Whether some path from here is longer than `limit` nodes; walked without recursion, so
  /// that a hostile tree cannot exhaust the stack while being measured.
  func isDeeper(than limit: Int) -> Bool {
    var pending: [(node: ConditionNode, depth: Int)] = [(self, 1)]
    while let (node, depth) = pending.popLast() {
      if depth > limit { return true }
      for child in node.children { pending.append((child, depth + 1)) }
    }
    return false
  }
}
