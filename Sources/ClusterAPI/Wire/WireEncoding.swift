import Engine
import Foundation

/// The engine's typed objects in Kubernetes' wire form, as `kubectl get -o json` shows them.
struct WireEncoding {
  var clock: WireClock

  func deployment(_ deployment: Deployment) -> JSONValue {
    var object = JSONValue.encoded(deployment)
    object["apiVersion"] = "apps/v1"
    object["kind"] = "Deployment"
    object["metadata"] = deployment.metadata.wire(clock)
    object["spec"] = withDefaults(deploymentSpec: object["spec"] ?? .object([:]))
    if var status = object["status"] {
      if let conditions = deployment.status?.conditions {
        status["conditions"] = .array(conditions.map { $0.wire(timestamp: clock.timestamp) })
      }
      object["status"] = status
    } else {
      object["status"] = .object([:])
    }
    return object
  }

  /// The defaults the API server fills in, so `kubectl get -o yaml` and `kubectl diff` see what a
  /// real cluster stores.
  private func withDefaults(deploymentSpec spec: JSONValue) -> JSONValue {
    var spec = spec
    if spec["replicas"] == nil { spec["replicas"] = .int(1) }
    if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = .int(10) }
    if spec["progressDeadlineSeconds"] == nil { spec["progressDeadlineSeconds"] = .int(600) }
    if spec["strategy"] == nil {
      spec["strategy"] = .object([
        "type": "RollingUpdate",
        "rollingUpdate": .object(["maxSurge": "25%", "maxUnavailable": "25%"]),
      ])
    }
    return spec
  }

  func replicaSet(_ replicaSet: ReplicaSet) -> JSONValue {
    var object = JSONValue.encoded(replicaSet)
    object["apiVersion"] = "apps/v1"
    object["kind"] = "ReplicaSet"
    object["metadata"] = replicaSet.metadata.wire(clock)
    var status = object["status"] ?? .object([:])
    status["fullyLabeledReplicas"] = status["replicas"] ?? .int(0)
    if status["replicas"] == nil { status["replicas"] = .int(0) }
    object["status"] = status
    return object
  }

  func service(_ service: Service) -> JSONValue {
    var object = JSONValue.encoded(service)
    object["metadata"] = service.metadata.wire(clock)
    var spec = object["spec"] ?? .object([:])
    if spec["type"] == nil { spec["type"] = "ClusterIP" }
    object["spec"] = spec
    object["status"] = .object(["loadBalancer": .object([:])])
    return object
  }

  /// A pod, its containers taken from `template` (its ReplicaSet's) where it has one.
  func pod(_ pod: Pod, template: PodTemplateSpec?, serial: Int) -> JSONValue {
    let containers: [JSONValue] =
      template?.spec["containers"]?.arrayValue
      ?? pod.spec.images.enumerated().map { index, image in
        .object(["name": .string("c\(index)"), "image": .string(image)])
      }
    var spec = template?.spec ?? .object([:])
    spec["containers"] = .array(containers)
    spec["nodeName"] = "rollout-sim"
    if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
    if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
    return .object([
      "apiVersion": "v1", "kind": "Pod", "metadata": pod.metadata.wire(clock),
      "spec": spec, "status": podStatus(pod, containers: containers, serial: serial),
    ])
  }

  private func podStatus(_ pod: Pod, containers: [JSONValue], serial: Int) -> JSONValue {
    let ready = pod.status.ready && !pod.isTerminating
    let created = pod.metadata.creationTimestamp ?? 0
    let readyText: JSONValue = ready ? "True" : "False"
    func condition(_ type: String, _ status: JSONValue, _ time: Double) -> JSONValue {
      .object([
        "type": .string(type), "status": status, "lastTransitionTime": clock.timestamp(time),
      ])
    }
    let readySince = pod.status.readySince ?? created
    let state: JSONValue
    if pod.status.ready {
      state = .object(["running": .object(["startedAt": clock.timestamp(readySince)])])
    } else if pod.status.restartCount > 0 {
      state = .object([
        "waiting": .object([
          "reason": "CrashLoopBackOff",
          "message": "back-off restarting failed container",
        ])
      ])
    } else {
      state = .object(["waiting": .object(["reason": "ContainerCreating"])])
    }
    let statuses: [JSONValue] = containers.map { container in
      .object([
        "name": container["name"] ?? "", "image": container["image"] ?? "",
        "imageID": "", "ready": .bool(ready), "started": .bool(pod.status.ready),
        "restartCount": .int(pod.status.restartCount), "state": state,
      ])
    }
    let ip = "10.\(serial >> 16 & 255).\(serial >> 8 & 255).\(serial & 255)"
    return .object([
      "phase": .string(pod.status.phase.rawValue),
      "conditions": .array([
        condition("PodScheduled", "True", created),
        condition("Initialized", "True", created),
        condition("ContainersReady", readyText, readySince),
        condition("Ready", readyText, readySince),
      ]),
      "containerStatuses": .array(statuses),
      "hostIP": "10.0.0.1", "podIP": .string(ip), "podIPs": .array([.object(["ip": .string(ip)])]),
      "startTime": clock.timestamp(created), "qosClass": "BestEffort",
    ])
  }
}
