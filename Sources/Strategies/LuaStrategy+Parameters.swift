import Engine
import LuaBridge

extension LuaStrategy {
  /// The parameter names from the `params` table `host.bind` returned: its keys (each mapped to
  /// what the parameter is for). An empty table declares that the strategy takes none.
  static func parameters(from value: LuaValue) throws(StrategyError) -> [String]? {
    switch value {
    case .nil: return nil
    case .array(let items) where items.isEmpty: return []
    case .map(let fields): return fields.keys.sorted()
    default:
      throw StrategyError(
        file: "params", message: "params must be a table keyed by parameter name")
    }
  }

  /// Refuses a parameter the strategy does not declare, naming it, the closest declared name
  /// and what it takes. A strategy that declares no parameters takes any.
  public func checkParameters(_ params: JSONValue) throws(StrategyError) {
    guard let declared = declaredParameters, let given = params.objectValue else { return }
    for name in given.keys.sorted() where !declared.contains(name) {
      let takes =
        declared.isEmpty
        ? "it takes none" : "it takes \(declared.joined(separator: ", "))"
      throw StrategyError(
        file: self.name,
        message: "parameter \"\(name)\" is not one \(self.name) takes"
          + FieldSuggestion.suggestion(for: name, among: declared) + "; \(takes)")
    }
  }
}
