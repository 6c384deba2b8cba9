import Engine

private typealias S = OpenAPISchema

/// What the kubelet reports of a pod: phase, conditions, addresses and container states.
extension OpenAPIComponents {
  static let podStatusTypes: [String: JSONValue] = [
    S.core("PodStatus"): S.object(
      "The observed state of a pod.",
      [
        "phase": S.string(
          "Where the pod is in its lifecycle.",
          enum: ["Failed", "Pending", "Running", "Succeeded", "Unknown"]),
        "conditions": S.mergeList(
          of: S.core("PodCondition"), by: "type",
          "Current conditions of the pod (PodScheduled, Initialized, ContainersReady, Ready)."),
        "message": S.string("Why the pod is in this state, for people."),
        "reason": S.string("Why the pod is in this state, in CamelCase."),
        "nominatedNodeName": S.string("Node the pod is expected to run on after preemption."),
        "hostIP": S.string("Address of the node."),
        "hostIPs": [
          "type": "array", "items": ["$ref": .string(S.refPath(S.core("HostIP")))],
          "description": "Addresses of the node.", "x-kubernetes-list-type": "atomic",
          "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "ip",
        ],
        "podIP": S.string("Address of the pod."),
        "podIPs": S.mergeList(of: S.core("PodIP"), by: "ip", "Addresses of the pod."),
        "startTime": S.time("When the kubelet acknowledged the pod."),
        "initContainerStatuses": S.refList(
          of: S.core("ContainerStatus"), "States of the init containers."),
        "containerStatuses": S.refList(
          of: S.core("ContainerStatus"), "States of the containers."),
        "qosClass": S.string(
          "Quality of service class.", enum: ["BestEffort", "Burstable", "Guaranteed"]),
        "ephemeralContainerStatuses": S.refList(
          of: S.core("ContainerStatus"), "States of the ephemeral containers."),
        "resize": S.string("Status of a requested resize."),
        "resourceClaimStatuses": S.mergeList(
          of: S.core("PodResourceClaimStatus"), by: "name", strategy: "merge,retainKeys",
          "The claims created for the pod."),
      ]),
    S.core("PodCondition"): S.object(
      "One condition of a pod.", required: ["type", "status"],
      [
        "type": S.string("Type of the condition."),
        "status": S.string("True, False or Unknown."),
        "lastProbeTime": S.time("When the condition was last probed."),
        "lastTransitionTime": S.time("When the status last changed."),
        "reason": S.string("Why, in CamelCase."),
        "message": S.string("Why, for people."),
      ]),
    S.core("PodIP"): S.object(
      "An address of the pod.", required: ["ip"], ["ip": S.string("The address.")]),
    S.core("HostIP"): S.object(
      "An address of the node.", required: ["ip"], ["ip": S.string("The address.")]),
    S.core("PodResourceClaimStatus"): S.object(
      "The claim created for a pod resource claim.", required: ["name"],
      [
        "name": S.string("Name of the pod resource claim."),
        "resourceClaimName": S.string("Name of the claim created."),
      ]),
    S.core("ContainerStatus"): S.object(
      "The state of one container.",
      required: ["name", "ready", "restartCount", "image", "imageID"],
      [
        "name": S.string("Name of the container."),
        "state": S.ref(S.core("ContainerState"), "Current state."),
        "lastState": S.ref(S.core("ContainerState"), "State of the previous run."),
        "ready": S.boolean("Whether the readiness probe passes."),
        "restartCount": S.integer("Times the container was restarted."),
        "image": S.string("Image the container runs."),
        "imageID": S.string("ID of the image."),
        "containerID": S.string("ID of the container, as runtime://id."),
        "started": S.boolean("Whether the startup probe passed."),
        "allocatedResources": S.quantityMap("Resources the node allocated to the container."),
        "resources": S.ref(S.core("ResourceRequirements"), "Resources applied."),
        "user": S.freeform("Identity of the container's first process."),
        "volumeMounts": S.refList(of: S.core("VolumeMount"), "Mounts of the container."),
      ]),
    S.core("ContainerState"): S.object(
      "The state of a container: one of waiting, running or terminated.",
      [
        "waiting": S.ref(S.core("ContainerStateWaiting"), "Not running yet."),
        "running": S.ref(S.core("ContainerStateRunning"), "Running."),
        "terminated": S.ref(S.core("ContainerStateTerminated"), "Finished or killed."),
      ]),
    S.core("ContainerStateWaiting"): S.object(
      "A container not running yet.",
      ["reason": S.string("Why it is waiting."), "message": S.string("Details.")]),
    S.core("ContainerStateRunning"): S.object(
      "A running container.", ["startedAt": S.time("When it last started.")]),
    S.core("ContainerStateTerminated"): S.object(
      "A finished container.", required: ["exitCode"],
      [
        "exitCode": S.integer("Exit status."),
        "signal": S.integer("Signal that ended it."),
        "reason": S.string("Why it ended."),
        "message": S.string("Details."),
        "startedAt": S.time("When it started."),
        "finishedAt": S.time("When it ended."),
        "containerID": S.string("ID of the container."),
      ]),
  ]
}
