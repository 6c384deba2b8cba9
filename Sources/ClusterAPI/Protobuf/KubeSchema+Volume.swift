/// core/v1 `Volume` with the sources a pod of `rollout serve` uses (configMap, emptyDir,
/// secret, projected, downwardAPI, hostPath, persistentVolumeClaim, nfs), and `PodStatus`.
extension KubeSchema {
  static let volume = ProtoMessage(
    "k8s.io.api.core.v1.Volume",
    [1: .string("name", keepsZero: true), 2: .inline(volumeSource)])

  static let volumeSource = ProtoMessage(
    "k8s.io.api.core.v1.VolumeSource",
    [
      1: .message(
        "hostPath",
        ProtoMessage(
          "k8s.io.api.core.v1.HostPathVolumeSource",
          [1: .string("path", keepsZero: true), 2: .string("type", keepsZero: true)])),
      2: .message(
        "emptyDir",
        ProtoMessage(
          "k8s.io.api.core.v1.EmptyDirVolumeSource",
          [1: .string("medium"), 2: .quantity("sizeLimit")])),
      6: .message(
        "secret",
        ProtoMessage(
          "k8s.io.api.core.v1.SecretVolumeSource",
          [
            1: .string("secretName"),
            2: .list("items", keyToPath),
            3: .int32("defaultMode", keepsZero: true),
            4: .bool("optional", keepsZero: true),
          ])),
      7: .message(
        "nfs",
        ProtoMessage(
          "k8s.io.api.core.v1.NFSVolumeSource",
          [
            1: .string("server", keepsZero: true),
            2: .string("path", keepsZero: true),
            3: .bool("readOnly"),
          ])),
      10: .message(
        "persistentVolumeClaim",
        ProtoMessage(
          "k8s.io.api.core.v1.PersistentVolumeClaimVolumeSource",
          [1: .string("claimName", keepsZero: true), 2: .bool("readOnly")])),
      16: .message(
        "downwardAPI",
        ProtoMessage(
          "k8s.io.api.core.v1.DownwardAPIVolumeSource",
          [1: .list("items", downwardAPIFile), 2: .int32("defaultMode", keepsZero: true)])),
      19: .message(
        "configMap",
        ProtoMessage(
          "k8s.io.api.core.v1.ConfigMapVolumeSource",
          [
            1: .inline(localObjectReference),
            2: .list("items", keyToPath),
            3: .int32("defaultMode", keepsZero: true),
            4: .bool("optional", keepsZero: true),
          ])),
      26: .message(
        "projected",
        ProtoMessage(
          "k8s.io.api.core.v1.ProjectedVolumeSource",
          [1: .list("sources", volumeProjection), 2: .int32("defaultMode", keepsZero: true)])),
    ])

  static let keyToPath = ProtoMessage(
    "k8s.io.api.core.v1.KeyToPath",
    [
      1: .string("key", keepsZero: true),
      2: .string("path", keepsZero: true),
      3: .int32("mode", keepsZero: true),
    ])

  static let downwardAPIFile = ProtoMessage(
    "k8s.io.api.core.v1.DownwardAPIVolumeFile",
    [
      1: .string("path", keepsZero: true),
      2: .message("fieldRef", objectFieldSelector),
      3: .message("resourceFieldRef", resourceFieldSelector),
      4: .int32("mode", keepsZero: true),
    ])

  static let volumeProjection = ProtoMessage(
    "k8s.io.api.core.v1.VolumeProjection",
    [
      1: .message("secret", projection("SecretProjection")),
      2: .message(
        "downwardAPI",
        ProtoMessage(
          "k8s.io.api.core.v1.DownwardAPIProjection", [1: .list("items", downwardAPIFile)])),
      3: .message("configMap", projection("ConfigMapProjection")),
      4: .message(
        "serviceAccountToken",
        ProtoMessage(
          "k8s.io.api.core.v1.ServiceAccountTokenProjection",
          [
            1: .string("audience"),
            2: .int64("expirationSeconds", keepsZero: true),
            3: .string("path", keepsZero: true),
          ])),
    ])

  /// `SecretProjection` and `ConfigMapProjection`.
  static func projection(_ name: String) -> ProtoMessage {
    ProtoMessage(
      "k8s.io.api.core.v1.\(name)",
      [
        1: .inline(localObjectReference),
        2: .list("items", keyToPath),
        4: .bool("optional", keepsZero: true),
      ])
  }

  static let podStatus = ProtoMessage(
    "k8s.io.api.core.v1.PodStatus",
    [
      1: .string("phase"),
      2: .list(
        "conditions",
        ProtoMessage(
          "k8s.io.api.core.v1.PodCondition",
          [
            1: .string("type", keepsZero: true),
            2: .string("status", keepsZero: true),
            3: .time("lastProbeTime"),
            4: .time("lastTransitionTime"),
            5: .string("reason"),
            6: .string("message"),
            7: .int64("observedGeneration"),
          ])),
      3: .string("message"),
      4: .string("reason"),
      5: .string("hostIP"),
      6: .string("podIP"),
      7: .time("startTime"),
      8: .list("containerStatuses", containerStatus),
      9: .string("qosClass"),
      10: .list("initContainerStatuses", containerStatus),
      11: .string("nominatedNodeName"),
      12: .list("podIPs", ipEntry("PodIP")),
      16: .list("hostIPs", ipEntry("HostIP")),
      17: .int64("observedGeneration"),
    ])

  /// `PodIP` and `HostIP`: one address.
  static func ipEntry(_ name: String) -> ProtoMessage {
    ProtoMessage("k8s.io.api.core.v1.\(name)", [1: .string("ip", keepsZero: true)])
  }

  static let containerStatus = ProtoMessage(
    "k8s.io.api.core.v1.ContainerStatus",
    [
      1: .string("name", keepsZero: true),
      2: .message("state", containerState),
      3: .message("lastState", containerState),
      4: .bool("ready", keepsZero: true),
      5: .int32("restartCount", keepsZero: true),
      6: .string("image", keepsZero: true),
      7: .string("imageID", keepsZero: true),
      8: .string("containerID"),
      9: .bool("started", keepsZero: true),
    ])

  static let containerState = ProtoMessage(
    "k8s.io.api.core.v1.ContainerState",
    [
      1: .message(
        "waiting",
        ProtoMessage(
          "k8s.io.api.core.v1.ContainerStateWaiting", [1: .string("reason"), 2: .string("message")])
      ),
      2: .message(
        "running",
        ProtoMessage("k8s.io.api.core.v1.ContainerStateRunning", [1: .time("startedAt")])),
      3: .message(
        "terminated",
        ProtoMessage(
          "k8s.io.api.core.v1.ContainerStateTerminated",
          [
            1: .int32("exitCode", keepsZero: true),
            2: .int32("signal"),
            3: .string("reason"),
            4: .string("message"),
            5: .time("startedAt"),
            6: .time("finishedAt"),
            7: .string("containerID"),
          ])),
    ])
}
