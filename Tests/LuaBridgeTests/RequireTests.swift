import Foundation
import LuaBridge
import Testing

@Suite struct RequireTests {
  @Test func registeredModule() throws {
    let state = try makeState()
    state.addModule(
      "lib.util",
      source: "local name = ... return {name = name, twice = function(x) return 2 * x end}")
    #expect(
      try state.run("local u = require 'lib.util' return u.name, u.twice(4)", chunkName: "r.lua")
        == ["lib.util", 8])
  }

  @Test func moduleErrorsUseTheModuleChunkName() throws {
    let state = try makeState()
    state.addModule("lib.broken", source: "local M = {}\nfunction M.f() error('bad') end\nreturn M")
    #expect(failure(state, "require('lib.broken').f()")?.description == "broken.lua:2: bad")
  }

  @Test func modulesAreCached() throws {
    let state = try makeState()
    state.addModule("counter", source: "loads = (loads or 0) + 1 return {}")
    let result = try state.run(
      "local a = require 'counter' local b = require 'counter' return a == b, loads",
      chunkName: "r.lua")
    #expect(result == [true, 1])
    #expect(try state.run("require 'counter' return loads", chunkName: "r2.lua") == [1])
  }

  @Test func fileModulesUnderRoot() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let outside = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: outside) }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("strategies"), withIntermediateDirectories: true)
    try "return {weight = 25}".write(
      to: root.appendingPathComponent("strategies/canary.lua"), atomically: true, encoding: .utf8)
    try "return {secret = true}".write(
      to: outside.appendingPathComponent("secret.lua"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("escape.lua"),
      withDestinationURL: outside.appendingPathComponent("secret.lua"))

    let state = try makeState(moduleRoot: root)
    #expect(
      try state.run("return require('strategies.canary').weight", chunkName: "r.lua") == [25])
    #expect(failure(state, "require 'escape'")?.message.contains("outside the module root") == true)
    #expect(failure(state, "require '../secret'")?.message.contains("invalid module name") == true)
    #expect(
      failure(state, "require '/etc/passwd'")?.message.contains("invalid module name") == true)
    #expect(failure(state, "require 'missing'")?.message == "module 'missing' not found")
  }

  private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "luabridge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

@Suite struct PrintTests {
  @Test func printGoesToTheHandler() throws {
    let printed = PrintedLines()
    let state = try makeState(printed: printed)
    try state.run("print('rollout', 3, nil, true, 2.5)\nprint()", chunkName: "p.lua")
    #expect(printed.lines == ["rollout\t3\tnil\ttrue\t2.5", ""])
  }
}
