import CLua
import CLuaShim

/// A Swift function callable from Lua: arguments and results are plain values.
///
/// Throwing raises a Lua error (catchable by `pcall`) whose message is the error's
/// description, prefixed with the script position of the call.
public typealias LuaFunction = ([LuaValue]) throws -> [LuaValue]

/// Holds a registered function; Lua keeps an unretained pointer to it in a closure upvalue,
/// and the owning ``LuaState`` keeps it alive until the state is closed.
final class FunctionBox {
  let name: String
  let function: LuaFunction

  init(name: String, function: @escaping LuaFunction) {
    self.name = name
    self.function = function
  }

  /// Called by the C trampoline. Returns the number of results pushed, or -1 with an error
  /// message pushed; C raises it after this frame is gone. Never raises.
  func invoke(_ lua: OpaquePointer) -> Int32 {
    let count = lua_gettop(lua)
    var args: [LuaValue] = []
    args.reserveCapacity(Int(count))
    var index: Int32 = 1
    while index <= count {
      do {
        args.append(try LuaStack.value(at: index, in: lua))
      } catch {
        return fail(
          "bad argument #\(index) to '\(name)' (\(error.path(root: "argument #\(index)")): "
            + "\(error.reason))", lua)
      }
      index += 1
    }
    let results: [LuaValue]
    do {
      results = try function(args)
    } catch let error as LuaError {
      return fail(error.description, lua)
    } catch {
      return fail(String(describing: error), lua)
    }
    guard results.count < 100_000, lua_checkstack(lua, Int32(results.count) + 4) != 0 else {
      return fail("'\(name)' returned too many results", lua)
    }
    var offset = 1
    for result in results {
      do {
        try LuaStack.push(result, on: lua)
      } catch {
        let root = offset == 1 ? "result" : "result #\(offset)"
        return fail("'\(name)' returned \(error.path(root: root)): \(error.reason)", lua)
      }
      offset += 1
    }
    return Int32(results.count)
  }

  private func fail(_ message: String, _ lua: OpaquePointer) -> Int32 {
    lua_settop(lua, 0)
    LuaStack.pushString(message, on: lua)
    return -1
  }
}

extension LuaState {
  /// Makes `function` callable from scripts as the global `name`.
  public func register(_ name: String, _ function: @escaping LuaFunction) {
    let box = FunctionBox(name: name, function: function)
    functions.append(box)
    lb_register(lua, name, Unmanaged.passUnretained(box).toOpaque())
  }
}
