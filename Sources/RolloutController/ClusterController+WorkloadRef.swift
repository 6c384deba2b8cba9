import Engine
import KubeClient

/// `workloadRef`: the Deployment a Rollout takes its template from, and its scaling down.
extension ClusterController {
  /// The Deployment a Rollout's `workloadRef` names: nil without a reference; a failure with the
  /// status to write when it is wrong or the Deployment is not there (yet).
  func referencedWorkload(of rollout: JSONValue, in namespace: String) async throws
    -> Result<(reference: WorkloadRef, deployment: JSONValue), WorkloadProblem>?
  {
    let reference: WorkloadRef
    do {
      guard let found = try WorkloadRef.of(rollout) else { return nil }
      reference = found
    } catch {
      return .failure(
        WorkloadProblem(status: ReconcilePlan.invalidSpecStatus(rollout, message: "\(error)")))
    }
    guard let deployment = await caches.deployments.object(ObjectKey(namespace, reference.name))
    else {
      return .failure(
        WorkloadProblem(
          status: ReconcilePlan.waitingStatus(
            rollout,
            message: "waiting for Deployment \"\(reference.name)\" (spec.workloadRef)")))
    }
    return .success((reference, deployment))
  }

  func writeStatus(_ status: JSONValue, of rollout: JSONValue) async throws {
    var object = rollout
    object["status"] = status
    let written = try await client.replace(
      .rollouts, namespace: rollout["metadata"]?["namespace"]?.stringValue, object,
      subresource: "status")
    await caches.rollouts.observe(written)
  }

  /// Scales the referenced Deployment down as `reference.scaleDown` says, conditional on the
  /// version read.
  func scaleDown(
    _ deployment: JSONValue, per reference: WorkloadRef, plan: ReconcilePlan, object: JSONValue
  ) async throws {
    let current = deployment["spec"]?["replicas"]?.intValue ?? 1
    let status = plan.statusUpdate ?? object["status"]
    guard
      let target = reference.deploymentReplicas(
        current: current, rolloutReplicas: object["spec"]?["replicas"]?.intValue ?? 1,
        status: status)
    else { return }
    var scaled = deployment
    scaled["spec"]?["replicas"] = .int(target)
    let written = try await client.replace(
      .deployments, namespace: deployment["metadata"]?["namespace"]?.stringValue, scaled)
    await caches.deployments.observe(written)
  }
}

/// Why a Rollout's `workloadRef` cannot be followed, and the status that says so.
struct WorkloadProblem: Error {
  var status: JSONValue?
}
