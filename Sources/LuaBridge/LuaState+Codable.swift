extension LuaState {
  /// Encodes a Swift value as a ``LuaValue`` (see ``LuaValueEncoder``).
  public func encode<T: Encodable>(_ value: T) throws(LuaError) -> LuaValue {
    try LuaValueEncoder().encode(value)
  }

  /// Decodes a Swift value from a ``LuaValue`` (see ``LuaValueDecoder``). Errors name the
  /// field path, e.g. `decision.scale.web-1`, prefixed by `rootName` when given.
  public func decode<T: Decodable>(
    _ type: T.Type, from value: LuaValue, rootName: String? = nil
  ) throws(LuaError) -> T {
    var decoder = LuaValueDecoder()
    decoder.rootName = rootName
    return try decoder.decode(type, from: value)
  }
}
