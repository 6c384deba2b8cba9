import Foundation
import LuaBridge
import Testing

/// A file an escape would create; must never exist afterwards.
let escapeMarker = FileManager.default.temporaryDirectory
  .appendingPathComponent("luabridge-escape-\(getpid())").path

struct EscapeAttempt: CustomTestStringConvertible, Sendable {
  var name: String
  var source: String
  var kind: LuaError.Kind
  var message: String
  var memory = 64 << 20
  var testDescription: String { name }
}

@Suite struct SandboxTests {
  static let attempts: [EscapeAttempt] = [
    .init(
      name: "os.execute", source: "os.execute('touch \(escapeMarker)')", kind: .runtime,
      message: "attempt to call a nil value (field 'execute')"),
    .init(
      name: "io.open", source: "io.open('\(escapeMarker)', 'w')", kind: .runtime,
      message: "attempt to index a nil value (global 'io')"),
    .init(
      name: "io.popen", source: "io.popen('touch \(escapeMarker)')", kind: .runtime,
      message: "attempt to index a nil value (global 'io')"),
    .init(
      name: "os.exit", source: "os.exit(3)", kind: .runtime,
      message: "attempt to call a nil value (field 'exit')"),
    .init(
      name: "os.getenv", source: "return os.getenv('HOME')", kind: .runtime,
      message: "attempt to call a nil value (field 'getenv')"),
    .init(
      name: "os.remove", source: "os.remove('\(escapeMarker)')", kind: .runtime,
      message: "attempt to call a nil value (field 'remove')"),
    .init(
      name: "package.loadlib", source: "package.loadlib('libc.so.6', 'system')", kind: .runtime,
      message: "attempt to index a nil value (global 'package')"),
    .init(
      name: "require C module", source: "require 'socket'", kind: .runtime,
      message: "module 'socket' not found"),
    .init(
      name: "require .so path", source: "require '/usr/lib/x86_64-linux-gnu/liblua5.4.so'",
      kind: .runtime, message: "invalid module name"),
    .init(
      name: "require traversal", source: "require '../../x'", kind: .runtime,
      message: "invalid module name '../../x'"),
    .init(
      name: "string.dump", source: "return load(string.dump(function() end))", kind: .runtime,
      message: "attempt to call a nil value (field 'dump')"),
    .init(
      name: "binary chunk", source: "assert(load('\\27Lua\\x54\\0'))", kind: .runtime,
      message: "attempt to load a binary chunk (mode is 't')"),
    .init(
      name: "binary chunk with explicit mode",
      source: "assert(load('\\27Lua\\x54\\0', 'x', 'b'))", kind: .runtime,
      message: "attempt to load a binary chunk (mode is 't')"),
    .init(
      name: "dofile", source: "dofile('/etc/passwd')", kind: .runtime,
      message: "attempt to call a nil value (global 'dofile')"),
    .init(
      name: "loadfile", source: "loadfile('/etc/passwd')", kind: .runtime,
      message: "attempt to call a nil value (global 'loadfile')"),
    .init(
      name: "debug.sethook", source: "debug.sethook()", kind: .runtime,
      message: "attempt to index a nil value (global 'debug')"),
    .init(
      name: "stack overflow", source: "local function f() return 1 + f() end return f()",
      kind: .runtime, message: "stack overflow",
      // Lua's stack (1M slots) and call frames need more than 64 MiB before they overflow.
      memory: 256 << 20),
    .init(
      name: "collectgarbage stop",
      source: "collectgarbage('stop') local t = {} for i = 1, 1e7 do t[i] = {} end",
      kind: .runtime, message: "collectgarbage('stop') is not allowed in the sandbox"),
    .init(
      name: "__gc finalizer", source: "setmetatable({}, {__gc = function() end})",
      kind: .runtime, message: "a metatable with __gc is not allowed"),
    .init(
      name: "string metatable is the sandboxed table",
      source: "return ('x').dump(function() end)", kind: .runtime,
      message: "attempt to call a nil value (field 'dump')"),
  ]

  @Test(arguments: attempts)
  func escapeFails(attempt: EscapeAttempt) throws {
    let state = try makeState(budget: 10_000_000, memory: attempt.memory)
    let error = failure(state, attempt.source)
    #expect(error?.kind == attempt.kind, "\(String(describing: error))")
    #expect(
      error?.description.contains(attempt.message) == true, "\(String(describing: error))")
    #expect(!FileManager.default.fileExists(atPath: escapeMarker))
    #expect(stillWorks(state))
  }

  @Test func loadKeepsEnvironmentArgumentSemantics() throws {
    let state = try makeState()
    let result = try state.run(
      """
      x = 'global'
      local a = load('return x')()
      local b = load('return x', 'chunk', 't', {x = 'env'})()
      local c, err = pcall(load('return x', 'chunk', 't', nil))
      return a, b, c, err ~= nil
      """, chunkName: "load.lua")
    #expect(result == ["global", "env", false, true])
  }

  @Test func allowedLibrariesWork() throws {
    let state = try makeState()
    let result = try state.run(
      """
      local t = {3, 1, 2}
      table.sort(t)
      table.insert(t, 1, 0)
      table.remove(t)
      return table.concat(t, ","), math.max(1, 5), utf8.char(72, 105), ("%d"):format(7),
        type(os.time()), type(os.clock), type(os.date("%Y")), collectgarbage("count") > 0,
        (("hello world"):gsub("o", "0")), ("key=val"):match("(%w+)=(%w+)")
      """, chunkName: "libs.lua")
    #expect(
      result == [
        "0,1,2", 5, "Hi", "7", "number", "nil", "string", true, "hell0 w0rld", "key",
        "val",
      ])
  }

  @Test func patternFunctionsMatchStockSemantics() throws {
    let state = try makeState()
    let result = try state.run(
      """
      local words = {}
      for w in ("one two  three"):gmatch("%a+") do words[#words + 1] = w end
      return table.concat(words, "|"),
        ("THE (quick) fox"):find("%((%a+)%)"),
        ("abc"):gsub("", "-"),
        ("hello"):gsub("l+", function(s) return #s end),
        ("$name is $age"):gsub("%$(%w+)", {name = "Ann", age = 7}),
        ("f(a(b)c)d"):match("%b()"),
        ("THE"):find("%f[%a]%a+"),
        ("a.b"):find(".", 1, true),
        ("aaa"):match("^(a-)a$"),
        ("x=1, y=2"):gsub("(%w+)=(%w+)", "%2=%1")
      """, chunkName: "patterns.lua")
    #expect(
      result == [
        "one|two|three", 5, "-a-b-c-", "he2o", "Ann is 7", "(a(b)c)", 1, 2, "aa", "1=x, 2=y", 2,
      ])
  }
}
