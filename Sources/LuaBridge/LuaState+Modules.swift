import CLua
import CLuaShim
import Foundation

extension LuaState {
  /// Registers a module that scripts load with `require(name)`.
  ///
  /// The chunk is named `@<last dotted part of name>.lua` (so errors read `util.lua:3: ...`)
  /// and receives the module name as its first argument, like Lua's `require`. The result is
  /// cached per state like `package.loaded`: registering again after a script required the
  /// module does not reload it.
  public func addModule(_ name: String, source: String) {
    modules[name] = source
  }

  /// Finds a module for `require`: registered modules first, then `<moduleRoot>/a/b.lua` for
  /// `a.b`. Pushes source and chunk name (returns 2) or an error message (returns -1).
  func resolveModule(_ name: String, on lua: OpaquePointer) -> Int32 {
    switch locateModule(name) {
    case .success(let (source, chunkName)):
      LuaStack.pushString(source, on: lua)
      LuaStack.pushString(chunkName, on: lua)
      return 2
    case .failure(let error):
      LuaStack.pushString(error.message, on: lua)
      return -1
    }
  }

  struct ModuleError: Error {
    var message: String
  }

  private func locateModule(_ name: String) -> Result<(String, String), ModuleError> {
    let lastPart = name.split(separator: ".").last.map(String.init) ?? name
    if let source = modules[name] {
      return .success((source, "@\(lastPart).lua"))
    }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    let valid = parts.allSatisfy { part in
      !part.isEmpty
        && part.utf8.allSatisfy { byte in
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
            || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
        }
    }
    guard valid else {
      return .failure(
        ModuleError(message: "invalid module name '\(name)' (use names like 'a.b_c')"))
    }
    guard let root = configuration.moduleRoot else {
      return .failure(ModuleError(message: "module '\(name)' not found"))
    }
    let relative = parts.joined(separator: "/") + ".lua"
    guard let rootPath = Self.realPath(root.path),
      let filePath = Self.realPath(root.appendingPathComponent(relative).path)
    else {
      return .failure(ModuleError(message: "module '\(name)' not found"))
    }
    guard filePath.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/") else {
      return .failure(
        ModuleError(message: "module '\(name)' resolves outside the module root"))
    }
    guard let data = FileManager.default.contents(atPath: filePath) else {
      return .failure(ModuleError(message: "module '\(name)' cannot be read"))
    }
    return .success((String(decoding: data, as: UTF8.self), "@\(relative)"))
  }

  /// The canonical path with all symlinks resolved, or nil if it does not exist.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
