/// A Lua value that can cross the bridge: plain data only.
///
/// Conversion rules between Lua and `LuaValue`:
/// - `nil`, booleans and strings map one to one. Lua strings are byte strings; bytes that are
///   not valid UTF-8 are replaced with U+FFFD when read into Swift.
/// - Lua integers stay `.integer` and floats stay `.number`; `2` and `2.0` are different
///   values. Pushing `.number(2.0)` creates a Lua float.
/// - A Lua table whose keys are exactly `1...n` becomes `.array`; a table whose keys are all
///   strings becomes `.map`.
/// - The **empty table** becomes `.map([:])`, because Lua cannot tell `{}` apart. The
///   decoders accept an empty map wherever an array is expected, and both an empty `.array`
///   and an empty `.map` become an empty Lua table.
/// - Tables with other key types (floats, booleans, tables), mixed string and integer keys,
///   or integer keys that are not exactly `1...n`, as well as functions, userdata and threads,
///   fail with a ``LuaError`` of kind ``LuaError/Kind/conversion`` naming the path of the
///   offending value, e.g. `result.scale[3]` (array indices are 1-based, as in Lua).
/// - `.nil` elements inside `.array` or `.map` become holes: Lua tables cannot store `nil`.
///
/// `Codable` conformance encodes a value as plain JSON-like data (`null`, booleans, numbers,
/// strings, arrays, objects).
public enum LuaValue: Sendable, Hashable {
  /// Lua `nil`.
  case `nil`
  /// A Lua boolean.
  case boolean(Bool)
  /// A Lua integer (subtype `integer` of `number`).
  case integer(Int64)
  /// A Lua float (subtype `float` of `number`).
  case number(Double)
  /// A Lua string.
  case string(String)
  /// A Lua sequence with keys `1...n`.
  case array([LuaValue])
  /// A Lua table with string keys (also the empty table).
  case map([String: LuaValue])
}
