import Engine
import Foundation
import LuaBridge

/// A strategy script running in the LuaBridge sandbox, behind the engine's `RolloutStrategy`
/// boundary.
///
/// The script is compiled once. Every step runs it afresh in a fresh global environment (see
/// `Lua/host.lua`) on a fresh `ctx`, so nothing but `ctx.state` carries over between steps, and
/// one instance can serve any number of deployments without state leaking between them.
///
/// Stock strategies (trusted code compiled into the binary, alone in their state) take a fast
/// path: their chunk runs once, the instruction count hook is off, and `ctx`'s fixed-shape
/// records are refilled in place at every step rather than made afresh. They keep nothing in
/// module locals or globals and change nothing in `ctx` but `replicas` (through `scale`) and
/// `ctx.state`, which the next step writes again.
///
/// Not `Sendable`: the Lua state is confined to the isolation domain that made it.
public final class LuaStrategy: RolloutStrategy {
  public let name: String
  /// Where the script came from (`stock:rolling` or a file path).
  public let source: StrategySource
  private let lua: LuaState
  /// The envelope the script declares (`envelope = {maxSurge = "100%"}` in its module table),
  /// read once at load.
  public let declaredEnvelope: EnvelopeDeclaration?
  /// Whether the script takes a rollout back when aborted (`supports = {abort = false}` in
  /// its module table says it does not).
  public let supportsAbort: Bool
  /// The parameters the script declares (`params = {steps = "…"}` in its module table), by
  /// name, read once at load; nil when it declares none (and so takes any).
  public let declaredParameters: [String]?
  /// Name, source and digest of the script, for the decision log (worked out once).
  public let provenance: StrategyProvenance
  private let host: LuaReference
  private let metatables: HostMetatables
  private let keys: LuaKeys
  /// The `ctx` tables refilled at every step, one set per deployment, for stock strategies only.
  private var contexts: ContextPool?
  /// The host's function running a step on a ctx (`host.step`, set by `host.bind`).
  private let runner: LuaReference

  /// Compiles `source`. Stock strategies are `require`-able as `rollout.<name>`; a file's own
  /// directory is the root for any other `require`.
  public init(
    source: StrategySource, limits: LuaLimits = LuaLimits(),
    log: @escaping (String) -> Void = {
      _ in
    }
  ) throws(StrategyError) {
    self.source = source
    self.name = source.displayName
    self.provenance = Self.provenance(of: source)
    let trusted = Self.isStock(source)
    var configuration = LuaConfiguration()
    configuration.limits = limits
    configuration.limits.meteredInstructions = limits.meteredInstructions && !trusted
    configuration.moduleRoot = source.moduleRoot
    configuration.print = log
    do {
      lua = try LuaState(configuration: configuration)
      for (module, text) in EmbeddedLua.stockStrategies {
        lua.addModule("rollout.\(module)", source: text)
      }
      for (module, text) in EmbeddedLua.library {
        lua.addModule("rollout.lib.\(module)", source: text)
      }
      host = try lua.loadHost(EmbeddedLua.host["host"] ?? "", chunkName: "rollout/host.lua")
      metatables = HostMetatables(
        context: try lua.reference(host, field: "Context"),
        replicaSet: try lua.reference(host, field: "ReplicaSet"))
      keys = lua.internKeys(SnapshotKeys.names)
      let bound = try lua.call(
        host, field: "bind", [.string(source.text), .string("@\(name)"), .boolean(trusted)])
      declaredEnvelope = try Self.envelope(from: bound.first ?? .nil)
      supportsAbort = try Self.supportsAbort(from: bound.count > 1 ? bound[1] : .nil)
      declaredParameters = try Self.parameters(from: bound.count > 2 ? bound[2] : .nil)
      runner = try lua.reference(host, field: "step")
      contexts = trusted ? ContextPool() : nil
    } catch {
      throw StrategyError(file: name, message: "\(error)")
    }
  }

  public func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
    let metatables = metatables
    lua.clock = snapshot.clockSeconds
    lua.randomSeed = snapshot.randomSeed
    let context = contexts?.checkOut(snapshot, in: lua)
    let results = try lua.call(
      runner, keys: keys, fieldCount: SnapshotKeys.contextFieldCount, reusing: context?.table,
      table: {
        snapshot.write(
          to: &$0, metatables: metatables, unchanged: context?.unchanged ?? Unchanged())
      },
      reading: { StrategyDecision(hostSlot: $0) })
    contexts?.checkIn(snapshot)
    switch results {
    case .read(let decision): return decision
    case .values(let values): return try decision(from: values.first ?? .nil)
    }
  }

  /// Whether `source` is a stock strategy as compiled into the binary: trusted code whose
  /// chunk the host may run once instead of at every step.
  static func isStock(_ source: StrategySource) -> Bool {
    guard let name = source.stockName else { return false }
    return EmbeddedLua.stockStrategies[name] == source.text
  }

  /// The Lua decision table in engine terms. The host builds it, so a malformed one is a host
  /// bug or a script that replaced `ctx.state` with something that is not a table.
  private func decision(from value: LuaValue) throws -> StrategyDecision {
    guard case .map(var fields) = value else {
      throw StrategyError(file: name, message: "step returned no decision")
    }
    let state = fields.removeValue(forKey: "state")
    var decision =
      try StrategyDecision(hostTable: fields)
      ?? lua.decode(StrategyDecision.LuaShape.self, from: .map(fields)).decision
    if let state, state != .nil {
      guard case .map = state else {
        throw StrategyError(
          file: name, message: "ctx.state must stay a table, got \(state.typeName)")
      }
      decision.state = JSONValue(state)
    }
    return decision
  }
}

extension StrategyDecision {
  /// The decision table the host returns, less `state`.
  struct LuaShape: Decodable {
    var scale: FlatScale?
    var pause: PauseRequest?
    var message: String?
    var complete: Bool?
    var requeueAfter: Double?
    var services: [ServicePointer]?
    var weight: Int?
    var step: StepProgress?
    var analyses: [AnalysisRequest]?
    var stopAnalyses: [String]?
    var abort: String?

    var decision: StrategyDecision {
      StrategyDecision(
        scale: scale?.operations ?? [], pause: pause, message: message, complete: complete ?? false,
        requeueAfter: requeueAfter, services: services ?? [], weight: weight, step: step,
        analyses: analyses, stopAnalyses: stopAnalyses, abort: abort)
    }
  }
}

/// The host's flat list of scale operations: name, replicas, origin (or nil) for each.
struct FlatScale: Decodable {
  var operations: [ScaleOperation] = []

  init(from decoder: any Decoder) throws {
    var list = try decoder.unkeyedContainer()
    while !list.isAtEnd {
      let name = try list.decode(String.self)
      let replicas = try list.decode(Int.self)
      let origin = try list.decodeNil() ? nil : try list.decode(String.self)
      operations.append(ScaleOperation(replicaSet: name, replicas: replicas, origin: origin))
    }
  }
}

extension LuaValue {
  /// The Lua type name of the value, for messages.
  var typeName: String {
    switch self {
    case .nil: return "nil"
    case .boolean: return "boolean"
    case .integer, .number: return "number"
    case .string: return "string"
    case .array, .map: return "table"
    }
  }
}

/// A strategy that could not be loaded or returned something the engine cannot read.
public struct StrategyError: Error, Sendable, CustomStringConvertible {
  /// The script (`canary.lua`, `stock:rolling`).
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String {
    message.hasPrefix(file) ? message : "\(file): \(message)"
  }
}
