import Engine

private typealias S = OpenAPISchema

/// A container and its parts: ports, environment, resources, mounts, probes, lifecycle hooks
/// and security settings.
extension OpenAPIComponents {
  static let containerTypes: [String: JSONValue] = [
    S.core("Container"): S.object(
      "A container of a pod: an image, its command and the environment it runs in.",
      required: ["name"], containerMembers),
    S.core("EphemeralContainer"): S.object(
      "A container added to a running pod for debugging.", required: ["name"],
      containerMembers.merging([
        "targetContainerName": S.string("The container whose namespaces it shares.")
      ]) { first, _ in first }),
    S.core("ContainerPort"): S.object(
      "A network port of a container.", required: ["containerPort"],
      [
        "name": S.string("Name of the port, unique within the pod (an IANA_SVC_NAME)."),
        "hostPort": S.integer("Port exposed on the node."),
        "containerPort": S.integer("Port on the pod's IP address."),
        "protocol": S.string("Protocol of the port.", enum: ["SCTP", "TCP", "UDP"]),
        "hostIP": S.string("Node IP address the host port is bound to."),
      ]),
    S.core("EnvVar"): S.object(
      "An environment variable of a container.", required: ["name"],
      [
        "name": S.string("Name of the variable."),
        "value": S.string("Value, with $(VAR) references expanded."),
        "valueFrom": S.ref(S.core("EnvVarSource"), "Where the value comes from instead."),
      ]),
    S.core("EnvVarSource"): S.object(
      "The source of an environment variable's value.",
      [
        "fieldRef": S.ref(S.core("ObjectFieldSelector"), "A field of the pod."),
        "resourceFieldRef": S.ref(
          S.core("ResourceFieldSelector"), "A resource limit or request of a container."),
        "configMapKeyRef": S.ref(S.core("ConfigMapKeySelector"), "A key of a ConfigMap."),
        "secretKeyRef": S.ref(S.core("SecretKeySelector"), "A key of a Secret."),
      ]),
    S.core("ObjectFieldSelector"): S.object(
      "A field of the pod.", required: ["fieldPath"],
      [
        "apiVersion": S.string("Version the field path is written in."),
        "fieldPath": S.string("Path of the field (metadata.name)."),
      ]),
    S.core("ResourceFieldSelector"): S.object(
      "A container resource (limits.cpu) and the unit to express it in.",
      required: ["resource"],
      [
        "containerName": S.string("The container; this one when empty."),
        "resource": S.string("The resource (limits.memory)."),
        "divisor": S.ref(S.quantity, "The unit; 1 by default."),
      ]),
    S.core("ConfigMapKeySelector"): S.object(
      "A key of a ConfigMap.", required: ["key"],
      [
        "name": S.string("Name of the ConfigMap."), "key": S.string("The key."),
        "optional": S.boolean("Whether the ConfigMap or key may be missing."),
      ]),
    S.core("SecretKeySelector"): S.object(
      "A key of a Secret.", required: ["key"],
      [
        "name": S.string("Name of the Secret."), "key": S.string("The key."),
        "optional": S.boolean("Whether the Secret or key may be missing."),
      ]),
    S.core("EnvFromSource"): S.object(
      "A ConfigMap or Secret whose keys all become environment variables.",
      [
        "prefix": S.string("Prefix added to each variable name."),
        "configMapRef": S.ref(S.core("ConfigMapEnvSource"), "The ConfigMap."),
        "secretRef": S.ref(S.core("SecretEnvSource"), "The Secret."),
      ]),
    S.core("ConfigMapEnvSource"): S.object(
      "A ConfigMap as environment variables.",
      [
        "name": S.string("Name of the ConfigMap."),
        "optional": S.boolean("Whether it may be missing."),
      ]),
    S.core("SecretEnvSource"): S.object(
      "A Secret as environment variables.",
      [
        "name": S.string("Name of the Secret."),
        "optional": S.boolean("Whether it may be missing."),
      ]),
    S.core("ResourceRequirements"): S.object(
      "Compute resources a container needs (requests) and may use at most (limits).",
      [
        "limits": S.quantityMap("The most of each resource the container may use."),
        "requests": S.quantityMap("The least of each resource the container needs."),
        "claims": S.mapList(
          of: S.core("ResourceClaim"), keys: ["name"], "Resource claims of the pod it uses."),
      ]),
    S.core("ResourceClaim"): S.object(
      "A pod resource claim a container uses.", required: ["name"],
      [
        "name": S.string("Name of the claim in the pod's resourceClaims."),
        "request": S.string("One request of the claim."),
      ]),
    S.core("ContainerResizePolicy"): S.object(
      "How a container is resized for one resource.", required: ["resourceName", "restartPolicy"],
      [
        "resourceName": S.string("cpu or memory."),
        "restartPolicy": S.string(
          "Whether a resize restarts the container.", enum: ["NotRequired", "RestartContainer"]),
      ]),
    S.core("VolumeMount"): S.object(
      "Where a volume is mounted in a container.", required: ["name", "mountPath"],
      [
        "name": S.string("Name of the volume."),
        "readOnly": S.boolean("Mount read-only."),
        "recursiveReadOnly": S.string("Whether read-only applies to submounts."),
        "mountPath": S.string("Path in the container."),
        "subPath": S.string("Path within the volume to mount instead of its root."),
        "mountPropagation": S.string("How mounts propagate between host and container."),
        "subPathExpr": S.string("subPath with $(VAR) references expanded."),
      ]),
    S.core("VolumeDevice"): S.object(
      "A raw block device mapped into a container.", required: ["name", "devicePath"],
      [
        "name": S.string("Name of the persistent volume claim."),
        "devicePath": S.string("Path of the device in the container."),
      ]),
    S.core("Probe"): S.object(
      "A health check of a container.",
      lifecycleHandlerMembers.merging([
        "grpc": S.ref(S.core("GRPCAction"), "A gRPC health check."),
        "initialDelaySeconds": S.integer("Seconds after start before probing."),
        "timeoutSeconds": S.integer("Seconds before a probe times out."),
        "periodSeconds": S.integer("Seconds between probes."),
        "successThreshold": S.integer("Successes in a row to count as healthy."),
        "failureThreshold": S.integer("Failures in a row to count as unhealthy."),
        "terminationGracePeriodSeconds": S.integer(
          "Grace period when a failed probe kills the container.", format: "int64"),
      ]) { first, _ in first }),
    S.core("ExecAction"): S.object(
      "A command run in the container.", ["command": S.stringList("The command line.")]),
    S.core("HTTPGetAction"): S.object(
      "An HTTP GET against the container.", required: ["port"],
      [
        "path": S.string("Path of the request."),
        "port": S.ref(S.intOrString, "Port number or name."),
        "host": S.string("Host to connect to; the pod IP by default."),
        "scheme": S.string("HTTP or HTTPS.", enum: ["HTTP", "HTTPS"]),
        "httpHeaders": S.refList(of: S.core("HTTPHeader"), "Headers of the request."),
      ]),
    S.core("HTTPHeader"): S.object(
      "An HTTP header.", required: ["name", "value"],
      ["name": S.string("Header name."), "value": S.string("Header value.")]),
    S.core("TCPSocketAction"): S.object(
      "A TCP connection to the container.", required: ["port"],
      [
        "port": S.ref(S.intOrString, "Port number or name."),
        "host": S.string("Host to connect to; the pod IP by default."),
      ]),
    S.core("GRPCAction"): S.object(
      "A gRPC health check.", required: ["port"],
      [
        "port": S.integer("Port of the gRPC service."),
        "service": S.string("Service name sent in the health check request."),
      ]),
    S.core("Lifecycle"): S.object(
      "Actions taken when a container starts and before it stops.",
      [
        "postStart": S.ref(S.core("LifecycleHandler"), "Run right after the container starts."),
        "preStop": S.ref(S.core("LifecycleHandler"), "Run before the container is stopped."),
      ]),
    S.core("LifecycleHandler"): S.object(
      "One lifecycle action.",
      lifecycleHandlerMembers.merging([
        "sleep": S.ref(S.core("SleepAction"), "Sleep for a while.")
      ]) { first, _ in first }),
    S.core("SleepAction"): S.object(
      "A pause.", required: ["seconds"],
      ["seconds": S.integer("Seconds to sleep.", format: "int64")]),
    S.core("SecurityContext"): S.object(
      "Security settings of a container, over the pod's.",
      [
        "capabilities": S.ref(S.core("Capabilities"), "Capabilities added and dropped."),
        "privileged": S.boolean("Run privileged."),
        "seLinuxOptions": S.ref(S.core("SELinuxOptions"), "SELinux context."),
        "windowsOptions": S.ref(
          S.core("WindowsSecurityContextOptions"), "Windows-specific settings."),
        "runAsUser": S.integer("UID to run as.", format: "int64"),
        "runAsGroup": S.integer("GID to run as.", format: "int64"),
        "runAsNonRoot": S.boolean("Refuse to run as root."),
        "readOnlyRootFilesystem": S.boolean("Mount the root filesystem read-only."),
        "allowPrivilegeEscalation": S.boolean("Whether a process may gain privileges."),
        "procMount": S.string("Kind of /proc mount.", enum: ["Default", "Unmasked"]),
        "seccompProfile": S.ref(S.core("SeccompProfile"), "Seccomp profile."),
        "appArmorProfile": S.ref(S.core("AppArmorProfile"), "AppArmor profile."),
      ]),
    S.core("Capabilities"): S.object(
      "Linux capabilities.",
      [
        "add": S.stringList("Capabilities added."),
        "drop": S.stringList("Capabilities dropped."),
      ]),
  ]

  /// The ways a probe or hook acts on a container.
  private static let lifecycleHandlerMembers: [String: JSONValue] = [
    "exec": S.ref(S.core("ExecAction"), "Run a command in the container."),
    "httpGet": S.ref(S.core("HTTPGetAction"), "Send an HTTP GET."),
    "tcpSocket": S.ref(S.core("TCPSocketAction"), "Open a TCP connection."),
  ]

  /// The members of a Container (and of an EphemeralContainer).
  private static let containerMembers: [String: JSONValue] = [
    "name": S.string("Name of the container, a DNS label unique within the pod."),
    "image": S.string("Container image name."),
    "command": S.stringList("Entrypoint; the image's ENTRYPOINT when empty."),
    "args": S.stringList("Arguments to the entrypoint; the image's CMD when empty."),
    "workingDir": S.string("Working directory; the image's when empty."),
    "ports": S.mergeList(
      of: S.core("ContainerPort"), by: "containerPort", mapKeys: ["containerPort", "protocol"],
      "Ports the container exposes."),
    "envFrom": S.refList(
      of: S.core("EnvFromSource"), "ConfigMaps and Secrets to take variables from."),
    "env": S.mergeList(of: S.core("EnvVar"), by: "name", "Environment variables."),
    "resources": S.ref(S.core("ResourceRequirements"), "Compute resources of the container."),
    "resizePolicy": S.refList(
      of: S.core("ContainerResizePolicy"), "How the container is resized."),
    "restartPolicy": S.string("Always, for an init container that keeps running (a sidecar)."),
    "volumeMounts": S.mergeList(
      of: S.core("VolumeMount"), by: "mountPath", "Volumes mounted into the container."),
    "volumeDevices": S.mergeList(
      of: S.core("VolumeDevice"), by: "devicePath", "Block devices of the container."),
    "livenessProbe": S.ref(S.core("Probe"), "Restarts the container when it fails."),
    "readinessProbe": S.ref(S.core("Probe"), "Takes the pod out of service when it fails."),
    "startupProbe": S.ref(S.core("Probe"), "Holds the other probes until it succeeds."),
    "lifecycle": S.ref(S.core("Lifecycle"), "Hooks run at start and before stop."),
    "terminationMessagePath": S.string("File the termination message is read from."),
    "terminationMessagePolicy": S.string(
      "Where the termination message comes from.", enum: ["FallbackToLogsOnError", "File"]),
    "imagePullPolicy": S.string(
      "When the image is pulled.", enum: ["Always", "IfNotPresent", "Never"]),
    "securityContext": S.ref(S.core("SecurityContext"), "Security settings of the container."),
    "stdin": S.boolean("Allocate a stdin buffer."),
    "stdinOnce": S.boolean("Close stdin after the first attach ends."),
    "tty": S.boolean("Allocate a TTY."),
  ]
}
