import Engine

extension StrategySnapshot {
  /// The seed of `math.random` for the step on this snapshot: FNV-1a 64 of the deployment's
  /// namespace and name, the new ReplicaSet's revision and the clock (`now`). Two steps on
  /// the same snapshot draw the same numbers, whichever run, test, eval or replay makes them;
  /// another deployment, revision or instant draws others.
  var randomSeed: UInt64 {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(deployment.namespace.utf8.count + deployment.name.utf8.count + 18)
    bytes += deployment.namespace.utf8
    bytes.append(0)
    bytes += deployment.name.utf8
    bytes.append(0)
    withUnsafeBytes(of: Int64(newReplicaSet.revision).littleEndian) { bytes += $0 }
    withUnsafeBytes(of: now.bitPattern.littleEndian) { bytes += $0 }
    return FNV1a.hash(bytes)
  }

  /// `now` in whole seconds (rounded down), for `os.time()` and `os.date()`.
  var clockSeconds: Int64 {
    guard now.isFinite else { return 0 }
    return Int64(exactly: now.rounded(.down)) ?? (now < 0 ? Int64.min : Int64.max)
  }
}
