/// Kubernetes' `MaxRevision`: the highest `deployment.kubernetes.io/revision` among `rss`
/// (unparseable ones count as 0).
public func maxRevision(_ rss: [ReplicaSet]) -> Int {
  rss.map(\.revision).max() ?? 0
}

/// Kubernetes' `LastRevision`: the second-highest revision, i.e. the one before the current.
///
/// Worked example: revisions [1, 3, 2] give 2; [4] gives 0; [2, 2] gives 2 (a tie counts twice).
public func lastRevision(_ rss: [ReplicaSet]) -> Int {
  var max = 0
  var secondMax = 0
  for revision in rss.map(\.revision) {
    if revision >= max {
      secondMax = max
      max = revision
    } else if revision > secondMax {
      secondMax = revision
    }
  }
  return secondMax
}

/// The revision part of Kubernetes' `SetNewReplicaSetAnnotations`: writes
/// `deployment.kubernetes.io/revision` when `newRevision` is higher than the ReplicaSet's (never
/// lowers it), and when the ReplicaSet already had a revision appends the old number to
/// `deployment.kubernetes.io/revision-history` (comma-separated, oldest first).
///
/// Worked example: a ReplicaSet at revision 1 reused by an undo at revision 4 ends with
/// revision "4" and history "1"; reused again at revision 6, history becomes "1,4".
///
/// - Returns: whether an annotation changed.
@discardableResult
public func setRevision(on rs: inout ReplicaSet, newRevision: Int) -> Bool {
  let oldText = rs.metadata.annotation(Annotations.revision)
  let oldRevision: Int
  if let oldText {
    // Upstream refuses to touch a ReplicaSet whose revision annotation is garbage.
    guard let parsed = Int(oldText) else { return false }
    oldRevision = parsed
  } else {
    oldRevision = 0
  }
  guard oldRevision < newRevision else { return false }
  rs.metadata.setAnnotation(Annotations.revision, String(newRevision))
  if let oldText {
    let history = rs.metadata.annotation(Annotations.revisionHistory) ?? ""
    rs.metadata.setAnnotation(
      Annotations.revisionHistory, history.isEmpty ? oldText : history + "," + oldText)
  }
  return true
}

/// Kubernetes' `SetDeploymentRevision`: writes the revision annotation on the Deployment.
///
/// - Returns: whether it changed.
@discardableResult
public func setDeploymentRevision(on deployment: inout Deployment, revision: Int) -> Bool {
  let text = String(revision)
  guard deployment.metadata.annotation(Annotations.revision) != text else { return false }
  deployment.metadata.setAnnotation(Annotations.revision, text)
  return true
}

/// Kubernetes' `annotationsToSkip`, plus the rollout's own state: the annotations a Deployment
/// never copies to its ReplicaSets, and a rollback never copies back from one (the
/// Deployment keeps its own).
public let annotationsToSkip: Set<String> = [
  "kubectl.kubernetes.io/last-applied-configuration", Annotations.revision,
  Annotations.revisionHistory, Annotations.desiredReplicas, Annotations.maxReplicas,
  "deprecated.deployment.rollback.to", RolloutState.annotation,
]

/// Kubernetes' `copyDeploymentAnnotationsToReplicaSet`: copies the Deployment's annotations
/// (such as `kubernetes.io/change-cause`) onto the ReplicaSet, except the skipped ones.
///
/// - Returns: whether the ReplicaSet's annotations changed.
@discardableResult
public func copyDeploymentAnnotations(from deployment: Deployment, to rs: inout ReplicaSet)
  -> Bool
{
  var changed = false
  for (key, value) in deployment.metadata.annotations ?? [:]
  where !annotationsToSkip.contains(key)
    && rs.metadata.annotation(key) != value
  {
    rs.metadata.setAnnotation(key, value)
    changed = true
  }
  return changed
}

/// Kubernetes' `EqualIgnoreHash`: the templates are equal once the `pod-template-hash` label
/// is removed from both (empty and absent maps count as equal).
public func equalIgnoringHash(_ a: PodTemplateSpec, _ b: PodTemplateSpec) -> Bool {
  a.removingHashLabel() == b.removingHashLabel()
}

/// The name Kubernetes gives a Deployment's ReplicaSet: `<deployment name>-<hash>`.
public func newReplicaSetName(deployment: Deployment, hash: String) -> String {
  "\(deployment.metadata.name)-\(hash)"
}
