/// One ReplicaSet write that proportional scaling asks for.
public struct ReplicaSetScaling: Sendable, Hashable, CustomStringConvertible {
  /// The ReplicaSet's name.
  public var name: String
  /// `spec.replicas` before.
  public var from: Int
  /// `spec.replicas` to write. Equal to `from` when only the replica annotations are stale.
  public var to: Int
  /// Whether `desired-replicas`/`max-replicas` must be rewritten too (with
  /// `setReplicasAnnotations(on:desired:maxReplicas:)`, to `replicas` and `replicas + maxSurge`).
  public var updatesAnnotations: Bool

  public init(name: String, from: Int, to: Int, updatesAnnotations: Bool) {
    self.name = name
    self.from = from
    self.to = to
    self.updatesAnnotations = updatesAnnotations
  }

  public var description: String { "\(name): \(from) -> \(to)" }
}

/// Kubernetes' `scale` (sync.go): the ReplicaSet writes that spread a change of `replicas`
/// (mid-rollout, or while paused) over the active ReplicaSets in proportion to their size, so
/// that a scaling event neither speeds up nor slows down the rollout. In upstream order:
///
/// 1. At most one active ReplicaSet (or none: the newest is used): it gets `replicas`.
/// 2. The new ReplicaSet is saturated (`isSaturated`): every active old one goes to 0.
/// 3. Rolling update: `toAdd = (replicas + maxSurge) - sum(spec.replicas)` (0 when replicas is
///    0) is shared out by `replicaSetProportion`, largest ReplicaSet first (newer first on ties
///    when growing, older first when shrinking), and whatever rounding leaves over goes to the
///    first (largest), never below 0.
///
/// Worked example (upstream "proportional scaling: 7 -> 10", maxSurge 0): v3=2, v2=3, v1=2, all
/// annotated max-replicas 7. toAdd = 10 - 7 = 3. Sorted: v2(3), v3(2, newer), v1(2).
/// v2: round(3*10/7)=4 → +1; v3: round(2*10/7)=3 → +1; v1: +1. Result v3=3, v2=4, v1=3.
///
/// `Recreate` Deployments with several active ReplicaSets are left alone, as upstream.
///
/// - Returns: the writes to make, in order; ReplicaSets not listed stay as they are.
public func proportionalScale(
  deployment: Deployment, newReplicaSet: ReplicaSet?, oldReplicaSets: [ReplicaSet]
) -> [ReplicaSetScaling] {
  let replicas = deployment.replicas
  if let target = activeOrLatest(newReplicaSet: newReplicaSet, oldReplicaSets: oldReplicaSets) {
    if target.replicas == replicas { return [] }
    return [writeFor(target, to: replicas, deployment: deployment)]
  }
  if let newReplicaSet, isSaturated(deployment: deployment, newReplicaSet) {
    return oldReplicaSets.filter { $0.replicas > 0 }.map {
      writeFor($0, to: 0, deployment: deployment)
    }
  }
  guard deployment.isRollingUpdate else { return [] }

  var active = (oldReplicaSets + [newReplicaSet].compactMap { $0 }).filter { $0.replicas > 0 }
  let current = active.reduce(0) { $0 + $1.replicas }
  let allowed = replicas > 0 ? replicas + maxSurge(deployment) : 0
  let toAdd = allowed - current
  if toAdd > 0 {
    active.sort(by: bySizeNewerFirst)
  } else if toAdd < 0 {
    active.sort(by: bySizeOlderFirst)
  }

  var added = 0
  var sizes = active.map(\.replicas)
  if toAdd != 0 {
    for index in active.indices {
      let proportion = replicaSetProportion(
        active[index], deployment: deployment, toAdd: toAdd, added: added)
      sizes[index] += proportion
      added += proportion
    }
    if !sizes.isEmpty { sizes[0] = max(0, sizes[0] + toAdd - added) }
  }
  return active.indices.compactMap { index in
    let write = writeFor(active[index], to: sizes[index], deployment: deployment)
    return write.from != write.to || write.updatesAnnotations ? write : nil
  }
}

/// Kubernetes' `GetProportion`: how many replicas `rs` gets of the `toAdd` (negative when
/// shrinking) still to distribute after `added`: its fraction, capped by what is left.
public func replicaSetProportion(_ rs: ReplicaSet, deployment: Deployment, toAdd: Int, added: Int)
  -> Int
{
  if rs.replicas == 0 || toAdd == 0 || toAdd == added { return 0 }
  let fraction = replicaSetFraction(rs, deployment: deployment)
  let allowed = toAdd - added
  return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
}

/// Kubernetes' `getReplicaSetFraction`: `round(rs.replicas * (replicas + maxSurge) /
/// max-replicas) - rs.replicas`, the change that keeps `rs`'s share of the Deployment.
///
/// `max-replicas` falls back to the Deployment's `status.replicas` when the annotation is
/// missing, unparseable or 0; with no usable base the fraction is 0. Scaling to 0 gives
/// `-rs.replicas`. Rounding is half away from zero, as Go's `math.Round`.
///
/// Worked example: replicas 100, maxSurge 10, rs at 50 annotated 130:
/// round(50 * 110 / 130) = round(42.3) = 42, so -8.
public func replicaSetFraction(_ rs: ReplicaSet, deployment: Deployment) -> Int {
  if deployment.replicas == 0 { return -rs.replicas }
  let deploymentReplicas = deployment.replicas + maxSurge(deployment)
  var annotated = nonNegativeAnnotation(rs, Annotations.maxReplicas) ?? 0
  if annotated == 0 { annotated = deployment.status?.replicas ?? 0 }
  if annotated == 0 { return 0 }
  let newSize = (Double(rs.replicas * deploymentReplicas) / Double(annotated)).rounded()
  return Int(newSize) - rs.replicas
}

/// Kubernetes' `IsSaturated`: the new ReplicaSet is at `replicas`, was sized for `replicas`
/// (`desired-replicas`) and has all of them available.
public func isSaturated(deployment: Deployment, _ rs: ReplicaSet) -> Bool {
  guard let desired = Int(rs.metadata.annotation(Annotations.desiredReplicas) ?? "") else {
    return false
  }
  let replicas = deployment.replicas
  return rs.replicas == replicas && desired == replicas && rs.availableReplicas == replicas
}

/// Kubernetes' `FindActiveOrLatest`: the only ReplicaSet with `spec.replicas > 0`; with none,
/// the new one or else the newest old one; nil when several are active.
public func activeOrLatest(newReplicaSet: ReplicaSet?, oldReplicaSets: [ReplicaSet])
  -> ReplicaSet?
{
  let newestFirst = oldReplicaSets.sorted { byCreation($1, $0) }
  let active = (newestFirst + [newReplicaSet].compactMap { $0 }).filter { $0.replicas > 0 }
  switch active.count {
  case 0: return newReplicaSet ?? newestFirst.first
  case 1: return active[0]
  default: return nil
  }
}

/// Kubernetes' `SetReplicasAnnotations`: writes `desired-replicas` and `max-replicas`.
///
/// - Returns: whether either changed.
@discardableResult
public func setReplicasAnnotations(on rs: inout ReplicaSet, desired: Int, maxReplicas: Int)
  -> Bool
{
  guard replicasAnnotationsNeedUpdate(rs, desired: desired, maxReplicas: maxReplicas) else {
    return false
  }
  rs.metadata.setAnnotation(Annotations.desiredReplicas, String(desired))
  rs.metadata.setAnnotation(Annotations.maxReplicas, String(maxReplicas))
  return true
}

/// Kubernetes' `ReplicasAnnotationsNeedUpdate`.
public func replicasAnnotationsNeedUpdate(_ rs: ReplicaSet, desired: Int, maxReplicas: Int)
  -> Bool
{
  rs.metadata.annotation(Annotations.desiredReplicas) != String(desired)
    || rs.metadata.annotation(Annotations.maxReplicas) != String(maxReplicas)
}

/// Kubernetes' `ReplicaSetsByCreationTimestamp`: older first, then by name.
func byCreation(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
  let (ta, tb) = (a.metadata.creationTimestamp ?? 0, b.metadata.creationTimestamp ?? 0)
  return ta == tb ? a.metadata.name < b.metadata.name : ta < tb
}

/// Kubernetes' `ReplicaSetsBySizeNewer`: larger first; on a tie, newer first.
func bySizeNewerFirst(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
  a.replicas == b.replicas ? byCreation(b, a) : a.replicas > b.replicas
}

/// Kubernetes' `ReplicaSetsBySizeOlder`: larger first; on a tie, older first.
func bySizeOlderFirst(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
  a.replicas == b.replicas ? byCreation(a, b) : a.replicas > b.replicas
}

private func nonNegativeAnnotation(_ rs: ReplicaSet, _ key: String) -> Int? {
  guard let value = Int(rs.metadata.annotation(key) ?? ""), value >= 0, value <= Int(Int32.max)
  else { return nil }
  return value
}

/// The write upstream `scaleReplicaSet` makes: the size, plus the replica annotations when
/// they are stale.
private func writeFor(_ rs: ReplicaSet, to size: Int, deployment: Deployment)
  -> ReplicaSetScaling
{
  let stale = replicasAnnotationsNeedUpdate(
    rs, desired: deployment.replicas, maxReplicas: deployment.replicas + maxSurge(deployment))
  return ReplicaSetScaling(
    name: rs.metadata.name, from: rs.replicas, to: size, updatesAnnotations: stale)
}
