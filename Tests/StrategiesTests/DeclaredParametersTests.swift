import Engine
import Strategies
import Testing

/// Each stock strategy declares the parameters it takes in its own Lua module (`params`); the
/// host reads the declaration and refuses any other parameter, naming the closest declared one.
struct DeclaredParametersTests {
  /// What each stock strategy's documentation header lists as its parameters.
  @Test(arguments: [
    ("rolling", [String]()),
    ("recreate", []),
    ("pause-at-percentage", ["pauseAt"]),
    ("canary", ["analysis", "canaryService", "stableService", "steps"]),
    (
      "blue-green",
      [
        "abortScaleDownDelaySeconds", "activeService", "autoPromotionEnabled",
        "autoPromotionSeconds", "postPromotionAnalysis", "prePromotionAnalysis",
        "previewReplicaCount", "previewService", "scaleDownDelaySeconds",
      ]
    ),
  ])
  func stockDeclarations(_ name: String, _ expected: [String]) throws {
    let strategy = try LuaStrategy(source: StrategySource.stock(name)!)
    #expect(strategy.declaredParameters == expected)
  }

  @Test(arguments: [
    ("canary", "step", "parameter \"step\" is not one canary.lua takes (did you mean \"steps\"?)"),
    ("rolling", "bogus", "parameter \"bogus\" is not one rolling.lua takes; it takes none"),
    (
      "pause-at-percentage", "pauseat",
      "parameter \"pauseat\" is not one pause-at-percentage.lua takes (did you mean \"pauseAt\"?)"
    ),
    (
      "blue-green", "activeSevice",
      "parameter \"activeSevice\" is not one blue-green.lua takes (did you mean \"activeService\"?)"
    ),
  ])
  func refusesUndeclared(_ name: String, _ parameter: String, _ message: String) throws {
    let strategy = try LuaStrategy(source: StrategySource.stock(name)!)
    let error = try #require(throws: StrategyError.self) {
      try strategy.checkParameters(.object([parameter: .int(1)]))
    }
    #expect(error.message.hasPrefix(message), "\(error.message)")
  }

  @Test func declaredParametersPass() throws {
    let canary = try LuaStrategy(source: StrategySource.stock("canary")!)
    try canary.checkParameters(.object(["steps": .array([]), "stableService": "web"]))
  }

  /// A script that declares nothing takes any parameter; one with a global `params` is held to it.
  @Test func userScripts() throws {
    let open = try LuaStrategy(
      source: StrategySource(
        text: "function step(ctx) end", displayName: "open.lua", identity: "open.lua"))
    #expect(open.declaredParameters == nil)
    try open.checkParameters(.object(["anything": .int(1)]))
    let declared = try LuaStrategy(
      source: StrategySource(
        text: "params = {batch = 'pods per batch'}\nfunction step(ctx) end",
        displayName: "batches.lua", identity: "batches.lua"))
    #expect(declared.declaredParameters == ["batch"])
    #expect(throws: StrategyError.self) { try declared.checkParameters(.object(["bacth": 2])) }
  }
}
