/// Checks a strategy's decision against the snapshot it was made from, before anything is
/// applied. A decision with any fault is refused whole.
public enum DecisionValidator {
  /// Why a decision was refused.
  public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The largest size any ReplicaSet may be given: ten times `replicas + maxSurge` (at least
  /// 10). Anything above is a bug in the script, not a rollout.
  public static func absurdLimit(for snapshot: StrategySnapshot) -> Int {
    max(10, 10 * (snapshot.deployment.replicas + snapshot.fenceposts.maxSurge))
  }

  /// Throws a `Refusal` naming the first fault: an unknown ReplicaSet, a negative or absurd
  /// count, a negative or non-finite pause or requeue time, an empty pause reason.
  public static func validate(_ decision: StrategyDecision, against snapshot: StrategySnapshot)
    throws(Refusal)
  {
    let known = Set(snapshot.allReplicaSets.map(\.name))
    let limit = absurdLimit(for: snapshot)
    for operation in decision.scale {
      let at = operation.origin.map { "\($0): " } ?? ""
      guard known.contains(operation.replicaSet) else {
        throw Refusal(
          message:
            "\(at)decision scales unknown ReplicaSet \"\(operation.replicaSet)\" (known: \(known.sorted().joined(separator: ", ")))"
        )
      }
      if operation.replicas < 0 {
        throw Refusal(
          message:
            "\(at)decision scales ReplicaSet \"\(operation.replicaSet)\" to a negative count (\(operation.replicas))"
        )
      }
      if operation.replicas > limit {
        throw Refusal(
          message:
            "\(at)decision scales ReplicaSet \"\(operation.replicaSet)\" to \(operation.replicas), absurd for a deployment of \(snapshot.deployment.replicas) replicas (limit \(limit))"
        )
      }
    }
    let services = Set(snapshot.services.map(\.name))
    for pointer in decision.services {
      let at = pointer.origin.map { "\($0): " } ?? ""
      guard services.contains(pointer.service) else {
        throw Refusal(message: "\(at)decision points unknown Service \"\(pointer.service)\"")
      }
      if let name = pointer.replicaSet, !known.contains(name) {
        throw Refusal(
          message:
            "\(at)decision points Service \"\(pointer.service)\" at unknown ReplicaSet \"\(name)\"")
      }
    }
    if let weight = decision.weight, !(0...100).contains(weight) {
      throw Refusal(message: "decision sets a weight of \(weight)%, not within 0-100")
    }
    if let pause = decision.pause {
      if pause.reason.isEmpty { throw Refusal(message: "decision pauses without a reason") }
      if let seconds = pause.seconds, !(seconds.isFinite && seconds >= 0) {
        throw Refusal(message: "decision pauses for an invalid duration (\(seconds) s)")
      }
    }
    if let after = decision.requeueAfter, !(after.isFinite && after > 0) {
      throw Refusal(message: "decision requeues after \(after) s; it must be more than 0")
    }
  }
}
