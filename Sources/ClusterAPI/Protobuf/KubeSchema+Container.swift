/// core/v1 `Container` and what it holds: ports, environment, resources, probes, mounts,
/// security context.
extension KubeSchema {
  static let container = ProtoMessage(
    "k8s.io.api.core.v1.Container",
    [
      1: .string("name", keepsZero: true),
      2: .string("image"),
      3: .strings("command"),
      4: .strings("args"),
      5: .string("workingDir"),
      6: .list("ports", containerPort),
      7: .list("env", envVar),
      8: .message("resources", resourceRequirements),
      9: .list("volumeMounts", volumeMount),
      10: .message("livenessProbe", probe),
      11: .message("readinessProbe", probe),
      12: .message("lifecycle", lifecycle),
      13: .string("terminationMessagePath"),
      14: .string("imagePullPolicy"),
      15: .message("securityContext", securityContext),
      16: .bool("stdin"),
      17: .bool("stdinOnce"),
      18: .bool("tty"),
      19: .list("envFrom", envFromSource),
      20: .string("terminationMessagePolicy"),
      21: .list("volumeDevices", volumeDevice),
      22: .message("startupProbe", probe),
      23: .list("resizePolicy", containerResizePolicy),
      24: .string("restartPolicy", keepsZero: true),
    ])

  static let containerPort = ProtoMessage(
    "k8s.io.api.core.v1.ContainerPort",
    [
      1: .string("name"),
      2: .int32("hostPort"),
      3: .int32("containerPort", keepsZero: true),
      4: .string("protocol"),
      5: .string("hostIP"),
    ])

  static let envVar = ProtoMessage(
    "k8s.io.api.core.v1.EnvVar",
    [
      1: .string("name", keepsZero: true),
      2: .string("value"),
      3: .message("valueFrom", envVarSource),
    ])

  static let envVarSource = ProtoMessage(
    "k8s.io.api.core.v1.EnvVarSource",
    [
      1: .message("fieldRef", objectFieldSelector),
      2: .message("resourceFieldRef", resourceFieldSelector),
      3: .message("configMapKeyRef", keySelector("ConfigMapKeySelector")),
      4: .message("secretKeyRef", keySelector("SecretKeySelector")),
    ])

  static let objectFieldSelector = ProtoMessage(
    "k8s.io.api.core.v1.ObjectFieldSelector",
    [1: .string("apiVersion"), 2: .string("fieldPath", keepsZero: true)])

  static let resourceFieldSelector = ProtoMessage(
    "k8s.io.api.core.v1.ResourceFieldSelector",
    [
      1: .string("containerName"),
      2: .string("resource", keepsZero: true),
      3: .quantity("divisor"),
    ])

  /// `ConfigMapKeySelector` and `SecretKeySelector`: the same fields.
  static func keySelector(_ name: String) -> ProtoMessage {
    ProtoMessage(
      "k8s.io.api.core.v1.\(name)",
      [
        1: .inline(localObjectReference),
        2: .string("key", keepsZero: true),
        3: .bool("optional", keepsZero: true),
      ])
  }

  static let localObjectReference = ProtoMessage(
    "k8s.io.api.core.v1.LocalObjectReference", [1: .string("name")])

  static let envFromSource = ProtoMessage(
    "k8s.io.api.core.v1.EnvFromSource",
    [
      1: .string("prefix"),
      2: .message("configMapRef", envSource("ConfigMapEnvSource")),
      3: .message("secretRef", envSource("SecretEnvSource")),
    ])

  /// `ConfigMapEnvSource` and `SecretEnvSource`.
  static func envSource(_ name: String) -> ProtoMessage {
    ProtoMessage(
      "k8s.io.api.core.v1.\(name)",
      [1: .inline(localObjectReference), 2: .bool("optional", keepsZero: true)])
  }

  static let resourceRequirements = ProtoMessage(
    "k8s.io.api.core.v1.ResourceRequirements",
    [
      1: .quantityMap("limits"),
      2: .quantityMap("requests"),
      3: .list(
        "claims",
        ProtoMessage(
          "k8s.io.api.core.v1.ResourceClaim",
          [1: .string("name", keepsZero: true), 2: .string("request")])),
    ])

  static let containerResizePolicy = ProtoMessage(
    "k8s.io.api.core.v1.ContainerResizePolicy",
    [1: .string("resourceName", keepsZero: true), 2: .string("restartPolicy", keepsZero: true)])

  static let volumeMount = ProtoMessage(
    "k8s.io.api.core.v1.VolumeMount",
    [
      1: .string("name", keepsZero: true),
      2: .bool("readOnly"),
      3: .string("mountPath", keepsZero: true),
      4: .string("subPath"),
      5: .string("mountPropagation", keepsZero: true),
      6: .string("subPathExpr"),
      7: .string("recursiveReadOnly", keepsZero: true),
    ])

  static let volumeDevice = ProtoMessage(
    "k8s.io.api.core.v1.VolumeDevice",
    [1: .string("name", keepsZero: true), 2: .string("devicePath", keepsZero: true)])

  static let probe = ProtoMessage(
    "k8s.io.api.core.v1.Probe",
    [
      1: .inline(probeHandler),
      2: .int32("initialDelaySeconds"),
      3: .int32("timeoutSeconds"),
      4: .int32("periodSeconds"),
      5: .int32("successThreshold"),
      6: .int32("failureThreshold"),
      7: .int64("terminationGracePeriodSeconds", keepsZero: true),
    ])

  static let probeHandler = ProtoMessage(
    "k8s.io.api.core.v1.ProbeHandler",
    [
      1: .message("exec", execAction),
      2: .message("httpGet", httpGetAction),
      3: .message("tcpSocket", tcpSocketAction),
      4: .message(
        "grpc",
        ProtoMessage(
          "k8s.io.api.core.v1.GRPCAction",
          [1: .int32("port", keepsZero: true), 2: .string("service", keepsZero: true)])),
    ])

  static let lifecycle = ProtoMessage(
    "k8s.io.api.core.v1.Lifecycle",
    [
      1: .message("postStart", lifecycleHandler),
      2: .message("preStop", lifecycleHandler),
      3: .string("stopSignal", keepsZero: true),
    ])

  static let lifecycleHandler = ProtoMessage(
    "k8s.io.api.core.v1.LifecycleHandler",
    [
      1: .message("exec", execAction),
      2: .message("httpGet", httpGetAction),
      3: .message("tcpSocket", tcpSocketAction),
      4: .message(
        "sleep",
        ProtoMessage(
          "k8s.io.api.core.v1.SleepAction", [1: .int64("seconds", keepsZero: true)])),
    ])

  static let execAction = ProtoMessage(
    "k8s.io.api.core.v1.ExecAction", [1: .strings("command")])

  static let httpGetAction = ProtoMessage(
    "k8s.io.api.core.v1.HTTPGetAction",
    [
      1: .string("path"),
      2: .intOrString("port"),
      3: .string("host"),
      4: .string("scheme"),
      5: .list(
        "httpHeaders",
        ProtoMessage(
          "k8s.io.api.core.v1.HTTPHeader",
          [1: .string("name", keepsZero: true), 2: .string("value", keepsZero: true)])),
    ])

  static let tcpSocketAction = ProtoMessage(
    "k8s.io.api.core.v1.TCPSocketAction", [1: .intOrString("port"), 2: .string("host")])

  static let securityContext = ProtoMessage(
    "k8s.io.api.core.v1.SecurityContext",
    [
      1: .message(
        "capabilities",
        ProtoMessage(
          "k8s.io.api.core.v1.Capabilities", [1: .strings("add"), 2: .strings("drop")])),
      2: .bool("privileged", keepsZero: true),
      3: .message("seLinuxOptions", seLinuxOptions),
      4: .int64("runAsUser", keepsZero: true),
      5: .bool("runAsNonRoot", keepsZero: true),
      6: .bool("readOnlyRootFilesystem", keepsZero: true),
      7: .bool("allowPrivilegeEscalation", keepsZero: true),
      8: .int64("runAsGroup", keepsZero: true),
      9: .string("procMount", keepsZero: true),
      10: .message("windowsOptions", windowsOptions),
      11: .message("seccompProfile", profile("SeccompProfile")),
      12: .message("appArmorProfile", profile("AppArmorProfile")),
    ])

  static let seLinuxOptions = ProtoMessage(
    "k8s.io.api.core.v1.SELinuxOptions",
    [1: .string("user"), 2: .string("role"), 3: .string("type"), 4: .string("level")])

  static let windowsOptions = ProtoMessage(
    "k8s.io.api.core.v1.WindowsSecurityContextOptions",
    [
      1: .string("gmsaCredentialSpecName", keepsZero: true),
      2: .string("gmsaCredentialSpec", keepsZero: true),
      3: .string("runAsUserName", keepsZero: true),
      4: .bool("hostProcess", keepsZero: true),
    ])

  /// `SeccompProfile` and `AppArmorProfile`: a type and, for `Localhost`, a profile path.
  static func profile(_ name: String) -> ProtoMessage {
    ProtoMessage(
      "k8s.io.api.core.v1.\(name)",
      [1: .string("type", keepsZero: true), 2: .string("localhostProfile", keepsZero: true)])
  }
}
