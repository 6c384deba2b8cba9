import Engine
import LuaBridge

extension LuaStrategy {
  /// The strategy's name, source and a digest of its text, for the decision log.
  static func provenance(of source: StrategySource) -> StrategyProvenance {
    StrategyProvenance(
      name: source.displayName, identity: source.identity,
      sourceDigest: FNV1a.digest(source.text))
  }

  /// The declared envelope from the table `host.bind` returned: `maxSurge` and
  /// `maxUnavailable`, each a whole number of pods or a percentage string such as `"100%"`.
  static func envelope(from value: LuaValue) throws -> EnvelopeDeclaration? {
    guard value != .nil else { return nil }
    guard case .map(let fields) = value else {
      throw EnvelopeError(message: "envelope must be a table such as {maxSurge = \"100%\"}")
    }
    var declaration = EnvelopeDeclaration()
    for (key, field) in fields {
      let bound: IntOrString
      switch field {
      case .integer(let count): bound = .int(Int(count))
      case .number(let count) where count == count.rounded(): bound = .int(Int(count))
      case .string(let text): bound = .string(text)
      default:
        throw EnvelopeError(
          message: "envelope.\(key) must be a count or a percentage such as \"100%\"")
      }
      switch key {
      case "maxSurge": declaration.maxSurge = bound
      case "maxUnavailable": declaration.maxUnavailable = bound
      default:
        throw EnvelopeError(message: "envelope: unknown key \"\(key)\" (maxSurge, maxUnavailable)")
      }
    }
    try declaration.validate()
    return declaration
  }

  /// Whether abort is supported, from the `supports` table `host.bind` returned: `abort`
  /// defaults to true.
  static func supportsAbort(from value: LuaValue) throws -> Bool {
    guard case .map(let fields) = value else { return true }
    for key in fields.keys where key != "abort" {
      throw StrategyError(file: "supports", message: "unknown key \"\(key)\" (abort)")
    }
    switch fields["abort"] {
    case nil: return true
    case .boolean(let flag): return flag
    default: throw StrategyError(file: "supports", message: "supports.abort must be true or false")
    }
  }
}
