import Engine
import Simulator
import Testing

/// Kubernetes' controller-reference rule, the one ownership rule: the controller
/// ownerReference's UID.
@Suite struct OwnershipTests {
  struct Case: CustomTestStringConvertible {
    var name: String
    var reference: OwnerReference?
    var namespace = "default"
    var controlled: Bool
    var testDescription: String { name }
  }

  static let owner: ObjectMeta = {
    var meta = ObjectMeta(name: "web", namespace: "default")
    meta.uid = "uid-web"
    return meta
  }()

  static let cases: [Case] = [
    Case(
      name: "controller reference with the owner's UID",
      reference: OwnerReference(
        apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-web"),
      controlled: true),
    Case(
      name: "same name, another UID (a deleted and recreated Deployment)",
      reference: OwnerReference(
        apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-old"),
      controlled: false),
    Case(
      name: "the owner's UID but not the controller",
      reference: OwnerReference(
        apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-web", controller: false),
      controlled: false),
    Case(
      name: "another kind",
      reference: OwnerReference(apiVersion: "v1", kind: "ReplicaSet", name: "web", uid: "uid-web"),
      controlled: false),
    Case(
      name: "another namespace",
      reference: OwnerReference(
        apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-web"),
      namespace: "other", controlled: false),
    Case(
      name: "no UID on the reference: the name stands in",
      reference: OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: nil),
      controlled: true),
    Case(name: "no owner", reference: nil, controlled: false),
  ]

  @Test(arguments: cases) func controlledBy(_ c: Case) {
    var meta = ObjectMeta(name: "web-abc", namespace: c.namespace)
    meta.ownerReferences = c.reference.map { [$0] }
    #expect(meta.isControlled(by: Self.owner, kind: "Deployment") == c.controlled)
  }

  /// Undo lists only the ReplicaSets the Deployment controls: an orphan of a deleted
  /// Deployment of the same name is not a revision to go back to.
  @Test func undoIgnoresReplicaSetsOfAnotherDeploymentWithTheSameName() throws {
    let cluster = SimulatedCluster()
    var deployment = try cluster.create(ControllerFixtures.deployment(replicas: 1))
    var orphan = ReplicaSet(
      metadata: ObjectMeta(name: "web-old", namespace: "default"),
      spec: ReplicaSetSpec(
        replicas: 0, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: ControllerFixtures.template(image: "web:v0")))
    orphan.metadata.ownerReferences = [
      OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-gone")
    ]
    orphan.metadata.setAnnotation(Annotations.revision, "1")
    try cluster.create(orphan)
    #expect(cluster.replicaSets(controlledBy: deployment).isEmpty)
    #expect(throws: OperatorActionError.self) {
      try OperatorActions.undo(
        &deployment, toRevision: 1, replicaSets: cluster.replicaSets(controlledBy: deployment))
    }
  }
}
