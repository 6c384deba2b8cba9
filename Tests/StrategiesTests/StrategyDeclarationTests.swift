import Engine
import Testing

@testable import Strategies

/// What a strategy declares it supports (`supports = {abort = false}`), read once at load.
@Suite struct StrategyDeclarationTests {
  private static func script(_ text: String) throws -> LuaStrategy {
    try LuaStrategy(source: StrategySource(text: text, displayName: "mine.lua", identity: "mine"))
  }

  @Test func stockStrategiesDeclareWhetherTheyAbort() throws {
    for (name, abort) in [
      ("rolling", false), ("recreate", false), ("canary", true), ("blue-green", true),
      ("pause-at-percentage", true),
    ] {
      let strategy = try LuaStrategy(source: StrategySource.stock(name)!)
      #expect(strategy.supportsAbort == abort, "\(name)")
    }
  }

  @Test func aScriptSupportsAbortUnlessItSaysOtherwise() throws {
    #expect(try Self.script("return {step = function(ctx) end}").supportsAbort)
    #expect(
      try !Self.script("return {supports = {abort = false}, step = function(ctx) end}")
        .supportsAbort)
    #expect(try !Self.script("supports = {abort = false}\nfunction step(ctx) end").supportsAbort)
  }

  @Test func aMalformedDeclarationIsALoadError() throws {
    for (text, message) in [
      ("return {supports = true, step = function(ctx) end}", "supports must be a table"),
      ("return {supports = {abort = 1}, step = function(ctx) end}", "true or false"),
      ("return {supports = {abrot = false}, step = function(ctx) end}", "unknown key \"abrot\""),
    ] {
      #expect(
        performing: { try Self.script(text) },
        throws: { error in
          "\(error)".contains("mine.lua") && "\(error)".contains(message)
        })
    }
  }

  @Test func abortIsRefusedForAStrategyWithoutIt() throws {
    var deployment = Deployment(
      metadata: ObjectMeta(name: "web"),
      spec: DeploymentSpec(
        replicas: 1, selector: LabelSelector(matchLabels: [:]),
        template: PodTemplateSpec(spec: .object([:]))))
    var state = RolloutState(phase: .progressing)
    let rolling = try LuaStrategy(source: StrategySource.stock("rolling")!)
    #expect(throws: OperatorActionError.self) {
      try OperatorActions.abort(&deployment, &state, strategy: rolling)
    }
    #expect(!state.aborted)
    let canary = try LuaStrategy(source: StrategySource.stock("canary")!)
    try OperatorActions.abort(&deployment, &state, strategy: canary)
    #expect(state.aborted)
  }
}
