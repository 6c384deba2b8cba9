import Engine

private typealias S = OpenAPISchema

/// Deployments, ReplicaSets, the autoscaling/v1 Scale their `/scale` speaks, and Argo's Rollout.
extension OpenAPIComponents {
  static let workloadTypes: [String: JSONValue] = [
    S.apps("Deployment"): S.object(
      "Declarative updates of pods through ReplicaSets; rolled out here by rollout's engine "
        + "and its strategy.",
      S.kindMembers("Deployment").merging([
        "spec": S.ref(S.apps("DeploymentSpec"), "The desired state of the Deployment."),
        "status": S.ref(S.apps("DeploymentStatus"), "The observed state (read-only)."),
      ]) { first, _ in first }),
    S.apps("DeploymentSpec"): S.object(
      "The desired state of a Deployment.", required: ["selector", "template"],
      [
        "replicas": S.integer("Number of desired pods; 1 by default."),
        "selector": S.ref(
          S.meta("LabelSelector"), "The pods the Deployment manages; must match the template."),
        "template": S.ref(S.core("PodTemplateSpec"), "The pods to create."),
        "strategy": [
          "allOf": [["$ref": .string(S.refPath(S.apps("DeploymentStrategy")))]],
          "description": "How old pods are replaced by new ones.",
          "x-kubernetes-patch-strategy": "retainKeys",
        ],
        "minReadySeconds": S.integer("Seconds a new pod must be ready to count as available."),
        "revisionHistoryLimit": S.integer("Old ReplicaSets kept for rollback; 10 by default."),
        "paused": S.boolean("Whether the rollout is paused."),
        "progressDeadlineSeconds": S.integer(
          "Seconds without progress before the rollout is reported failed; 600 by default."),
      ]),
    S.apps("DeploymentStrategy"): S.object(
      "How a Deployment replaces its pods.",
      [
        "type": S.string("Recreate or RollingUpdate.", enum: ["Recreate", "RollingUpdate"]),
        "rollingUpdate": S.ref(
          S.apps("RollingUpdateDeployment"), "Bounds of a rolling update."),
      ]),
    S.apps("RollingUpdateDeployment"): S.object(
      "How far a rolling update may go below and above the desired count.",
      [
        "maxUnavailable": S.ref(
          S.intOrString, "Pods that may be unavailable: a count or a percentage; 25% by default."),
        "maxSurge": S.ref(
          S.intOrString, "Pods above the desired count: a count or a percentage; 25% by default."),
      ]),
    S.apps("DeploymentStatus"): S.object(
      "The observed state of a Deployment.",
      [
        "observedGeneration": S.integer("The generation observed.", format: "int64"),
        "replicas": S.integer("Pods targeted by the Deployment."),
        "updatedReplicas": S.integer("Pods with the current template."),
        "readyReplicas": S.integer("Pods ready."),
        "availableReplicas": S.integer("Pods available (ready for minReadySeconds)."),
        "unavailableReplicas": S.integer("Pods still needed for full availability."),
        "conditions": S.mergeList(
          of: S.apps("DeploymentCondition"), by: "type",
          "Available, Progressing and ReplicaFailure."),
        "collisionCount": S.integer("Count of template hash collisions."),
      ]),
    S.apps("DeploymentCondition"): S.object(
      "One condition of a Deployment.", required: ["type", "status"],
      [
        "type": S.string("Available, Progressing or ReplicaFailure."),
        "status": S.string("True, False or Unknown."),
        "lastUpdateTime": S.time("When the condition was last updated."),
        "lastTransitionTime": S.time("When the status last changed."),
        "reason": S.string("Why, in CamelCase."),
        "message": S.string("Why, for people."),
      ]),
    S.apps("ReplicaSet"): S.object(
      "Keeps a number of identical pods running.",
      S.kindMembers("ReplicaSet").merging([
        "spec": S.ref(S.apps("ReplicaSetSpec"), "The desired state of the ReplicaSet."),
        "status": S.ref(S.apps("ReplicaSetStatus"), "The observed state (read-only)."),
      ]) { first, _ in first }),
    S.apps("ReplicaSetSpec"): S.object(
      "The desired state of a ReplicaSet.", required: ["selector"],
      [
        "replicas": S.integer("Number of desired pods; 1 by default."),
        "minReadySeconds": S.integer("Seconds a new pod must be ready to count as available."),
        "selector": S.ref(S.meta("LabelSelector"), "The pods the ReplicaSet manages."),
        "template": S.ref(S.core("PodTemplateSpec"), "The pods to create."),
      ]),
    S.apps("ReplicaSetStatus"): S.object(
      "The observed state of a ReplicaSet.", required: ["replicas"],
      [
        "replicas": S.integer("Pods observed."),
        "fullyLabeledReplicas": S.integer("Pods whose labels match the template's."),
        "readyReplicas": S.integer("Pods ready."),
        "availableReplicas": S.integer("Pods available."),
        "observedGeneration": S.integer("The generation observed.", format: "int64"),
        "conditions": S.mergeList(
          of: S.apps("ReplicaSetCondition"), by: "type", "Current conditions."),
      ]),
    S.apps("ReplicaSetCondition"): S.object(
      "One condition of a ReplicaSet.", required: ["type", "status"],
      [
        "type": S.string("Type of the condition."),
        "status": S.string("True, False or Unknown."),
        "lastTransitionTime": S.time("When the status last changed."),
        "reason": S.string("Why, in CamelCase."),
        "message": S.string("Why, for people."),
      ]),
    "io.k8s.api.autoscaling.v1.Scale": S.object(
      "The scale of a resource: what /scale reads and writes.",
      S.kindMembers("Scale").merging([
        "spec": S.ref("io.k8s.api.autoscaling.v1.ScaleSpec", "The desired scale."),
        "status": S.ref("io.k8s.api.autoscaling.v1.ScaleStatus", "The observed scale."),
      ]) { first, _ in first }),
    "io.k8s.api.autoscaling.v1.ScaleSpec": S.object(
      "The desired scale.", ["replicas": S.integer("Desired number of instances.")]),
    "io.k8s.api.autoscaling.v1.ScaleStatus": S.object(
      "The observed scale.", required: ["replicas"],
      [
        "replicas": S.integer("Observed number of instances."),
        "selector": S.string("Label query over the pods counted, in string form."),
      ]),
    "io.argoproj.v1alpha1.Rollout": S.object(
      "An Argo Rollouts Rollout: a Deployment with a canary or blue-green strategy.",
      required: ["spec"],
      S.kindMembers("Rollout").merging([
        "spec": S.freeform(
          "The desired state: replicas, selector, template or workloadRef, and strategy."),
        "status": S.freeform("The observed state of the rollout."),
      ]) { first, _ in first }),
  ]
}
