/// apps/v1 `Deployment` and `ReplicaSet`, and autoscaling/v1 `Scale`.
extension KubeSchema {
  static let deployment = ProtoMessage(
    "k8s.io.api.apps.v1.Deployment",
    [
      1: .message("metadata", objectMeta),
      2: .message("spec", deploymentSpec),
      3: .message("status", deploymentStatus),
    ])

  static let deploymentSpec = ProtoMessage(
    "k8s.io.api.apps.v1.DeploymentSpec",
    [
      1: .int32("replicas", keepsZero: true),
      2: .message("selector", labelSelector),
      3: .message("template", podTemplateSpec),
      4: .message(
        "strategy",
        ProtoMessage(
          "k8s.io.api.apps.v1.DeploymentStrategy",
          [
            1: .string("type"),
            2: .message(
              "rollingUpdate",
              ProtoMessage(
                "k8s.io.api.apps.v1.RollingUpdateDeployment",
                [1: .intOrString("maxUnavailable"), 2: .intOrString("maxSurge")])),
          ])),
      5: .int32("minReadySeconds"),
      6: .int32("revisionHistoryLimit", keepsZero: true),
      7: .bool("paused"),
      9: .int32("progressDeadlineSeconds", keepsZero: true),
      10: .string("podReplacementPolicy", keepsZero: true),
    ])

  static let deploymentStatus = ProtoMessage(
    "k8s.io.api.apps.v1.DeploymentStatus",
    [
      1: .int64("observedGeneration"),
      2: .int32("replicas"),
      3: .int32("updatedReplicas"),
      4: .int32("availableReplicas"),
      5: .int32("unavailableReplicas"),
      6: .list(
        "conditions",
        ProtoMessage(
          "k8s.io.api.apps.v1.DeploymentCondition",
          [
            1: .string("type", keepsZero: true),
            2: .string("status", keepsZero: true),
            4: .string("reason"),
            5: .string("message"),
            6: .time("lastUpdateTime"),
            7: .time("lastTransitionTime"),
          ])),
      7: .int32("readyReplicas"),
      8: .int32("collisionCount", keepsZero: true),
      9: .int32("terminatingReplicas", keepsZero: true),
    ])

  static let replicaSet = ProtoMessage(
    "k8s.io.api.apps.v1.ReplicaSet",
    [
      1: .message("metadata", objectMeta),
      2: .message(
        "spec",
        ProtoMessage(
          "k8s.io.api.apps.v1.ReplicaSetSpec",
          [
            1: .int32("replicas", keepsZero: true),
            2: .message("selector", labelSelector),
            3: .message("template", podTemplateSpec),
            4: .int32("minReadySeconds"),
          ])),
      3: .message("status", replicaSetStatus),
    ])

  static let replicaSetStatus = ProtoMessage(
    "k8s.io.api.apps.v1.ReplicaSetStatus",
    [
      1: .int32("replicas", keepsZero: true),
      2: .int32("fullyLabeledReplicas"),
      3: .int64("observedGeneration"),
      4: .int32("readyReplicas"),
      5: .int32("availableReplicas"),
      6: .list(
        "conditions",
        ProtoMessage(
          "k8s.io.api.apps.v1.ReplicaSetCondition",
          [
            1: .string("type", keepsZero: true),
            2: .string("status", keepsZero: true),
            3: .time("lastTransitionTime"),
            4: .string("reason"),
            5: .string("message"),
          ])),
      7: .int32("terminatingReplicas", keepsZero: true),
    ])

  static let scale = ProtoMessage(
    "k8s.io.api.autoscaling.v1.Scale",
    [
      1: .message("metadata", objectMeta),
      2: .message(
        "spec", ProtoMessage("k8s.io.api.autoscaling.v1.ScaleSpec", [1: .int32("replicas")])),
      3: .message(
        "status",
        ProtoMessage(
          "k8s.io.api.autoscaling.v1.ScaleStatus",
          [1: .int32("replicas", keepsZero: true), 2: .string("selector")])),
    ])
}
