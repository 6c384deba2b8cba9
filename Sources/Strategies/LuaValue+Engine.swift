import Engine
import LuaBridge

extension LuaValue {
  /// A JSON value as Lua sees it: objects become maps, arrays arrays.
  init(_ json: JSONValue) {
    switch json {
    case .null: self = .nil
    case .bool(let value): self = .boolean(value)
    case .int(let value): self = .integer(Int64(value))
    case .double(let value): self = .number(value)
    case .string(let value): self = .string(value)
    case .array(let values): self = .array(values.map(LuaValue.init))
    case .object(let members): self = .map(members.mapValues(LuaValue.init))
    }
  }
}

extension JSONValue {
  /// A Lua value as JSON: maps become objects (an empty table is an empty object).
  init(_ lua: LuaValue) {
    switch lua {
    case .nil: self = .null
    case .boolean(let value): self = .bool(value)
    case .integer(let value): self = .int(Int(value))
    case .number(let value): self = .double(value)
    case .string(let value): self = .string(value)
    case .array(let values): self = .array(values.map(JSONValue.init))
    case .map(let members): self = .object(members.mapValues(JSONValue.init))
    }
  }
}
