/// Why a condition could not be parsed or evaluated, and where in its source.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, without the position (`unexpected token ')'`).
  public var message: String
  /// The 1-based column (in characters) of `source` where the problem is, when known.
  public var column: Int?

  /// An error with `message`, pointing at `column` when there is one.
  public init(_ message: String, column: Int? = nil) {
    self.message = message
    self.column = column
  }

  /// `column 12: unexpected token ')'`, or the bare message without a column.
  public var description: String {
    guard let column else { return message }
    return "column \(column): \(message)"
  }
}
