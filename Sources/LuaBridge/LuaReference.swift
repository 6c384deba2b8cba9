/// A value kept alive in a state's registry (see ``LuaState/load(_:chunkName:)``).
///
/// Only meaningful for the ``LuaState`` that made it; give it back with
/// ``LuaState/release(_:)`` when no longer needed.
public struct LuaReference: Hashable, Sendable {
  let id: Int32
}
