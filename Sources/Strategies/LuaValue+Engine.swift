import Engine
import LuaBridge

extension LuaValue {
  /// A JSON value as Lua sees it: objects become maps, arrays arrays.
  init(_ json: JSONValue) {
    switch json {
    case .null: self = .nil
    case .bool(let value): self = .boolean(value)
    case .int(let value): self = .integer(Int64(value))
    case .double(let value): self = .number(value)
    case .string(let value): self = .string(value)
    case .array(let values): self = .array(values.map(LuaValue.init))
    case .object(let members): self = .map(members.mapValues(LuaValue.init))
    }
  }

  /// The snapshot as the `snapshot` table the strategy host turns into `ctx`. Built by hand,
  /// not through `Encodable`: this runs at every step.
  init(_ snapshot: StrategySnapshot) {
    self = .map([
      "deployment": LuaValue(snapshot.deployment),
      "newReplicaSet": LuaValue(snapshot.newReplicaSet),
      "oldReplicaSets": .array(snapshot.oldReplicaSets.map(LuaValue.init)),
      "fenceposts": .map([
        "maxSurge": .integer(Int64(snapshot.fenceposts.maxSurge)),
        "maxUnavailable": .integer(Int64(snapshot.fenceposts.maxUnavailable)),
      ]),
      "now": .number(snapshot.now),
      "state": LuaValue(snapshot.state),
      "params": LuaValue(snapshot.params),
      "stableReplicaSet": snapshot.stableReplicaSet.map(LuaValue.string) ?? .nil,
      "services": .services(snapshot.services),
      "operator": LuaValue(snapshot.operatorIntents),
    ])
  }

  /// Services by name, each `{name, selector, replicaSet}`.
  static func services(_ services: [ServiceView]) -> LuaValue {
    .map(
      Dictionary(
        services.map { service in
          (
            service.name,
            LuaValue.map([
              "name": .string(service.name),
              "selector": .map(service.selector.mapValues(LuaValue.string)),
              "replicaSet": service.replicaSet.map(LuaValue.string) ?? .nil,
            ])
          )
        }, uniquingKeysWith: { first, _ in first }))
  }

  /// `ctx.operator`: `{promoted, promoteFull, aborted}`.
  init(_ intents: OperatorIntents) {
    self = .map([
      "promoted": .boolean(intents.promoted),
      "promoteFull": .boolean(intents.promoteFull),
      "aborted": .boolean(intents.aborted),
    ])
  }

  init(_ deployment: DeploymentView) {
    self = .map([
      "name": .string(deployment.name),
      "namespace": .string(deployment.namespace),
      "replicas": .integer(Int64(deployment.replicas)),
      "generation": .integer(Int64(deployment.generation)),
      "paused": .boolean(deployment.paused),
      "minReadySeconds": .integer(Int64(deployment.minReadySeconds)),
      "progressDeadlineSeconds": .integer(Int64(deployment.progressDeadlineSeconds)),
      "strategyType": .string(deployment.strategyType),
      "labels": .map(deployment.labels.mapValues(LuaValue.string)),
      "annotations": .map(deployment.annotations.mapValues(LuaValue.string)),
    ])
  }

  init(_ rs: ReplicaSetView) {
    self = .map([
      "name": .string(rs.name),
      "revision": .integer(Int64(rs.revision)),
      "replicas": .integer(Int64(rs.replicas)),
      "currentReplicas": .integer(Int64(rs.currentReplicas)),
      "readyReplicas": .integer(Int64(rs.readyReplicas)),
      "availableReplicas": .integer(Int64(rs.availableReplicas)),
      "terminatingReplicas": .integer(Int64(rs.terminatingReplicas)),
      "images": .array(rs.images.map(LuaValue.string)),
      "createdAt": .number(rs.createdAt),
    ])
  }
}

extension JSONValue {
  /// A Lua value as JSON: maps become objects (an empty table is an empty object).
  init(_ lua: LuaValue) {
    switch lua {
    case .nil: self = .null
    case .boolean(let value): self = .bool(value)
    case .integer(let value): self = .int(Int(value))
    case .number(let value): self = .double(value)
    case .string(let value): self = .string(value)
    case .array(let values): self = .array(values.map(JSONValue.init))
    case .map(let members): self = .object(members.mapValues(JSONValue.init))
    }
  }
}
