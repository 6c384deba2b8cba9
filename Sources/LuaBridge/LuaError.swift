/// An error from loading or running Lua code, or from converting values across the bridge.
public struct LuaError: Error, CustomStringConvertible, Sendable {
  /// What went wrong.
  public enum Kind: Sendable, Hashable {
    /// The source did not compile (including attempts to load binary chunks).
    case syntax
    /// The script raised an error (`error(...)`, indexing nil, stack overflow, ...).
    case runtime
    /// The state's memory limit refused an allocation (or the system is out of memory).
    case memory
    /// The call used up its instruction budget (``LuaLimits/instructionBudget``).
    case instructionBudget
    /// The call ran past its wall-clock limit (``LuaLimits/timeLimit``).
    case timeLimit
    /// A value could not be converted between Lua, ``LuaValue`` and Swift types; the message
    /// names the path of the value, e.g. `result.scale[3]`.
    case conversion
    /// A host (Swift) function called by the script threw and the script did not catch it,
    /// or the host refused an operation.
    case host
  }

  /// What went wrong.
  public var kind: Kind
  /// The chunk the error points at, as Lua prints it (`canary.lua`), if known.
  public var chunkName: String?
  /// The line in ``chunkName``, if known.
  public var line: Int?
  /// The message without the `chunk:line:` prefix.
  public var message: String
  /// Lua's stack traceback at the point of the error, if there was one.
  public var traceback: String?

  /// Creates an error.
  public init(
    kind: Kind, message: String, chunkName: String? = nil, line: Int? = nil,
    traceback: String? = nil
  ) {
    self.kind = kind
    self.message = message
    self.chunkName = chunkName
    self.line = line
    self.traceback = traceback
  }

  /// The message as a Lua user expects it: `canary.lua:42: attempt to index a nil value
  /// (field 'newRS')`.
  public var description: String {
    switch (chunkName, line) {
    case (let chunk?, let line?): return "\(chunk):\(line): \(message)"
    case (let chunk?, nil): return "\(chunk): \(message)"
    default: return message
    }
  }
}

extension LuaError {
  /// Splits a Lua message of the form `chunk:line: text` into its parts.
  init(kind: Kind, luaMessage: String, traceback: String? = nil) {
    self.init(kind: kind, message: luaMessage, traceback: traceback)
    let utf8 = luaMessage.utf8
    var index = utf8.startIndex
    while let colon = utf8[index...].firstIndex(of: UInt8(ascii: ":")) {
      if utf8[utf8.startIndex..<colon].contains(UInt8(ascii: "\n")) { return }
      var cursor = utf8.index(after: colon)
      var number = 0
      var digits = 0
      while cursor < utf8.endIndex, let digit = Self.digit(utf8[cursor]), digits < 10 {
        number = number * 10 + digit
        digits += 1
        cursor = utf8.index(after: cursor)
      }
      if digits > 0, utf8[cursor...].starts(with: ": ".utf8) {
        chunkName = String(luaMessage[..<colon])
        line = number
        message = String(luaMessage[utf8.index(cursor, offsetBy: 2)...])
        return
      }
      index = utf8.index(after: colon)
    }
  }

  private static func digit(_ byte: UInt8) -> Int? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
  }

  static func conversion(_ failure: ConversionFailure, root: String) -> LuaError {
    LuaError(kind: .conversion, message: "\(failure.path(root: root)): \(failure.reason)")
  }
}
