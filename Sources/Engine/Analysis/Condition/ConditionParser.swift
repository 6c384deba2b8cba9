/// Turns tokens into a `ConditionNode` with expr's precedence and associativity: `**` is
/// right-associative, unary `-` binds looser than `**` (`-2 ** 2` is `-(2 ** 2)`), `!`/`not`
/// looser than comparisons' operands but tighter than `&&` (`!a || b` is `(!a) || b`),
/// comparisons chain, and `?:` is the loosest.
struct ConditionParser {
  private let tokens: [LexedToken]
  private var position = 0
  /// Inside how many predicates (`{…}`) the parser is: `#` is only valid inside one.
  private var predicateDepth = 0
  /// Nesting of sub-expressions, bounded so that hostile input cannot exhaust the stack.
  private var nesting = 0
  private static let maximumNesting = 200
  /// Bounds on the source and the tree, far above any real condition, so that evaluation
  /// (which recurses) stays shallow.
  private static let maximumTokens = 10_000
  private static let maximumDepth = 256

  static func parse(_ source: String) throws(ConditionError) -> ConditionNode {
    let tokens = try ConditionLexer.tokens(of: source)
    if tokens.count > maximumTokens {
      throw ConditionError("condition too long (\(tokens.count) tokens)", column: 1)
    }
    var parser = ConditionParser(tokens: tokens)
    let node = try parser.expression(0)
    if parser.current.token != .end { throw parser.unexpected() }
    if node.isDeeper(than: maximumDepth) {
      throw ConditionError("expression nested too deeply", column: 1)
    }
    return node
  }

  private init(tokens: [LexedToken]) { self.tokens = tokens }

  private var current: LexedToken { tokens[position] }

  private mutating func advance() {
    if position < tokens.count - 1 { position += 1 }
  }

  private func unexpected(_ token: LexedToken? = nil) -> ConditionError {
    let token = token ?? current
    if token.token == .end {
      return ConditionError("unexpected end of expression", column: token.column)
    }
    return ConditionError("unexpected token \(token.quoted)", column: token.column)
  }

  private mutating func expect(_ symbol: String) throws(ConditionError) {
    guard current.isSymbol(symbol) else { throw unexpected() }
    advance()
  }

  // MARK: Operators

  private mutating func expression(_ precedence: Int) throws(ConditionError) -> ConditionNode {
    nesting += 1
    defer { nesting -= 1 }
    if nesting > Self.maximumNesting {
      throw ConditionError("expression nested too deeply", column: current.column)
    }
    var left = try primary()
    while true {
      let opToken = current
      var negated = false
      var op = ConditionBinaryOperator(opToken.token)
      if opToken.isName("not") {
        // `x not in y`: `not` before a negatable operator.
        let following = tokens[min(position + 1, tokens.count - 1)]
        guard let next = ConditionBinaryOperator(following.token), next.isNegatable else {
          throw unexpected(following)
        }
        negated = true
        op = next
      }
      guard let op, op.precedence >= precedence else { break }
      advance()
      if negated { advance() }
      if op.isComparison && !negated {
        left = try comparisonChain(left, op, column: opToken.column)
        continue
      }
      let right = try expression(op == .power ? op.precedence : op.precedence + 1)
      left = .binary(op, left, right, column: opToken.column)
      if negated { left = .unary(.not, left, column: opToken.column) }
    }
    if precedence == 0 { left = try conditional(left) }
    return left
  }

  /// `a < b <= c` as `a < b && b <= c`.
  private mutating func comparisonChain(
    _ first: ConditionNode, _ firstOp: ConditionBinaryOperator, column: Int
  ) throws(ConditionError) -> ConditionNode {
    var left = first
    var op = firstOp
    var opColumn = column
    var chain: ConditionNode?
    while true {
      let right = try expression(op.precedence + 1)
      let comparison = ConditionNode.binary(op, left, right, column: opColumn)
      chain = chain.map { .binary(.and, $0, comparison, column: opColumn) } ?? comparison
      left = right
      guard let next = ConditionBinaryOperator(current.token), next.isComparison else {
        return chain ?? comparison
      }
      op = next
      opColumn = current.column
      advance()
    }
  }

  private mutating func conditional(_ condition: ConditionNode) throws(ConditionError)
    -> ConditionNode
  {
    var node = condition
    while current.isSymbol("?") {
      let column = current.column
      advance()
      let then = try expression(0)
      try expect(":")
      node = .conditional(node, then, try expression(0), column: column)
    }
    return node
  }

  // MARK: Operands

  private mutating func primary() throws(ConditionError) -> ConditionNode {
    let token = current
    if let op = ConditionUnaryOperator(token.token) {
      advance()
      let operand = try expression(op.precedence)
      return try postfix(.unary(op, operand, column: token.column))
    }
    switch token.token {
    case .symbol("("):
      advance()
      let inner = try expression(0)
      try expect(")")
      return try postfix(inner)
    case .symbol("#"), .symbol("."):
      guard predicateDepth > 0 else {
        throw ConditionError(
          "'#' and '.field' are only valid inside a predicate { … }",
          column: token.column)
      }
      if token.isSymbol("#") { advance() }
      return try postfix(.element(column: token.column))
    case .symbol("["):
      return try postfix(try arrayLiteral())
    case .number(let value):
      advance()
      return try postfix(.literal(value))
    case .string(let value):
      advance()
      return try postfix(.literal(.string(value)))
    case .name("true"), .name("false"):
      advance()
      return try postfix(.literal(.bool(token.isName("true"))))
    case .name("nil"):
      advance()
      return try postfix(.literal(.null))
    case .name(let name) where !Self.reserved.contains(name):
      advance()
      if current.isSymbol("(") { return try postfix(try call(name, column: token.column)) }
      return try postfix(.variable(name, column: token.column))
    default:
      throw unexpected()
    }
  }

  private static let reserved: Set<String> = [
    "and", "or", "not", "in", "contains", "startsWith", "endsWith", "matches", "let",
  ]

  private mutating func arrayLiteral() throws(ConditionError) -> ConditionNode {
    let column = current.column
    advance()
    var elements: [ConditionNode] = []
    while !current.isSymbol("]") {
      if !elements.isEmpty {
        try expect(",")
        if current.isSymbol("]") { break }
      }
      elements.append(try expression(0))
    }
    advance()
    return .array(elements, column: column)
  }

  /// `.name`, `?.name`, `[key]` after an operand, repeatedly.
  private mutating func postfix(_ base: ConditionNode) throws(ConditionError) -> ConditionNode {
    var node = base
    while true {
      let token = current
      if token.isSymbol(".") || token.isSymbol("?.") {
        advance()
        let optional = token.isSymbol("?.")
        if optional && current.isSymbol("[") { continue }
        guard case .name(let name) = current.token else {
          throw ConditionError(
            "expected a field name after '\(token.text)'", column: current.column)
        }
        let nameColumn = current.column
        advance()
        if current.isSymbol("(") {
          throw ConditionError("method calls are not supported ('\(name)')", column: nameColumn)
        }
        node = .member(node, key: .literal(.string(name)), optional: optional, column: nameColumn)
      } else if token.isSymbol("[") {
        let optional = position > 0 && tokens[position - 1].isSymbol("?.")
        advance()
        let key = try expression(0)
        try expect("]")
        node = .member(node, key: key, optional: optional, column: token.column)
      } else {
        return node
      }
    }
  }

  private mutating func call(_ name: String, column: Int) throws(ConditionError) -> ConditionNode {
    guard let function = ConditionFunction(rawValue: name) else {
      throw ConditionError("unknown function \(name)", column: column)
    }
    advance()  // (
    var arguments: [ConditionNode] = []
    while !current.isSymbol(")") {
      if !arguments.isEmpty {
        try expect(",")
        if current.isSymbol(")") { break }
      }
      if arguments.count == function.predicateArgument {
        arguments.append(try predicate())
      } else {
        arguments.append(try expression(0))
      }
    }
    advance()  // )
    guard function.arity.contains(arguments.count) else {
      throw ConditionError(
        "\(name) expects \(function.arityDescription), got \(arguments.count)", column: column)
    }
    return .call(function, arguments, column: column)
  }

  /// A predicate's body, `{ … }` or bare: `#` is the current element inside it.
  private mutating func predicate() throws(ConditionError) -> ConditionNode {
    let braced = current.isSymbol("{")
    if braced { advance() }
    predicateDepth += 1
    let body = try expression(0)
    predicateDepth -= 1
    if braced { try expect("}") }
    return body
  }
}
