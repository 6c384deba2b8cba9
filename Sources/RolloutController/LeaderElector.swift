import Engine
import Foundation
import KubeClient
import Logging

/// Leader election on a `coordination.k8s.io/v1` Lease, as client-go's leaderelection does it:
/// the leader renews the Lease every `retryPeriod`; another candidate takes it over once it has
/// seen the same record unchanged for `leaseDuration` (its own clock, so servers' and peers'
/// clocks never matter). Every write is conditional on the version read, so two candidates never
/// both win.
public actor LeaderElector {
  public struct Timing: Sendable {
    public var leaseDuration: Duration
    public var renewDeadline: Duration
    public var retryPeriod: Duration

    /// A new leader within `leaseDuration + retryPeriod` (12 s) of the old one's death.
    public static let standard = Timing(
      leaseDuration: .seconds(10), renewDeadline: .seconds(8), retryPeriod: .seconds(2))

    public init(leaseDuration: Duration, renewDeadline: Duration, retryPeriod: Duration) {
      self.leaseDuration = leaseDuration
      self.renewDeadline = renewDeadline
      self.retryPeriod = retryPeriod
    }
  }

  let client: KubeClient
  let lease: ObjectKey
  public nonisolated let identity: String
  let timing: Timing
  let logger: Logger
  private var observed: JSONValue?
  private var observedAt = ContinuousClock.now
  public private(set) var isLeader = false

  public init(
    client: KubeClient, lease: ObjectKey, identity: String, timing: Timing = .standard,
    logger: Logger = Logger(label: "rollout.leader")
  ) {
    self.client = client
    self.lease = lease
    self.identity = identity
    self.timing = timing
    self.logger = logger
  }

  /// Returns once this candidate holds the Lease (or the task is cancelled: throws).
  public func acquire() async throws {
    while true {
      try Task.checkCancellation()
      do {
        if try await tryAcquireOrRenew() {
          isLeader = true
          logger.info("\(identity) leads (lease \(lease))")
          return
        }
      } catch {
        logger.warning("leader election: \(error)")
      }
      try await Task.sleep(for: timing.retryPeriod)
    }
  }

  /// Renews every `retryPeriod` while leading; returns when the Lease could not be renewed for
  /// `renewDeadline` or another holder took it (leadership lost), throws on cancellation.
  public func keepLeading() async throws {
    var lastRenewal = ContinuousClock.now
    while true {
      try await Task.sleep(for: timing.retryPeriod)
      do {
        if try await tryAcquireOrRenew() {
          lastRenewal = .now
          continue
        }
        logger.error("\(identity) lost the lease \(lease) to another holder")
        isLeader = false
        return
      } catch {
        logger.warning("renewing lease \(lease): \(error)")
      }
      if ContinuousClock.now - lastRenewal >= timing.renewDeadline {
        logger.error("\(identity) could not renew lease \(lease) for \(timing.renewDeadline)")
        isLeader = false
        return
      }
    }
  }

  /// Gives the Lease up at once, so a standby need not wait out its duration.
  public func release() async {
    guard isLeader, var object = observed else { return }
    object["spec"]?["holderIdentity"] = .null
    object["spec"]?["leaseDurationSeconds"] = 1
    _ = try? await client.replace(.leases, namespace: lease.namespace, object)
    isLeader = false
  }

  private func tryAcquireOrRenew() async throws -> Bool {
    let now = JSONValue.string(RFC3339.formatMicro(Date().timeIntervalSince1970))
    let seconds = Int(timing.leaseDuration.components.seconds)
    guard
      let current = try await client.get(.leases, namespace: lease.namespace, name: lease.name)
    else {
      let created = try await client.create(
        .leases, namespace: lease.namespace,
        [
          "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
          "metadata": ["name": .string(lease.name), "namespace": .string(lease.namespace)],
          "spec": [
            "holderIdentity": .string(identity), "leaseDurationSeconds": .int(seconds),
            "acquireTime": now, "renewTime": now, "leaseTransitions": 0,
          ],
        ])
      remember(created)
      return true
    }
    if current["spec"] != observed?["spec"] { remember(current) }
    let holder = current["spec"]?["holderIdentity"]?.stringValue ?? ""
    let duration = current["spec"]?["leaseDurationSeconds"]?.intValue ?? seconds
    if !holder.isEmpty, holder != identity,
      ContinuousClock.now - observedAt < .seconds(duration)
    {
      return false
    }
    var updated = current
    updated["spec"]?["holderIdentity"] = .string(identity)
    updated["spec"]?["leaseDurationSeconds"] = .int(seconds)
    updated["spec"]?["renewTime"] = now
    if holder != identity {
      updated["spec"]?["acquireTime"] = now
      updated["spec"]?["leaseTransitions"] = .int(
        (current["spec"]?["leaseTransitions"]?.intValue ?? 0) + 1)
    }
    do {
      remember(try await client.replace(.leases, namespace: lease.namespace, updated))
      return true
    } catch let error as KubeError where error.isConflict {
      return false
    }
  }

  private func remember(_ record: JSONValue) {
    observed = record
    observedAt = .now
  }
}
