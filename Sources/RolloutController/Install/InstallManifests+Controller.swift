import Engine

extension InstallManifests {
  /// The user and group the controller runs as: not root (the image need not say so itself).
  static let runAsUser = 65_532

  /// The controller's Deployment: two replicas, one leading at a time (`--leader-elect`), every
  /// namespace watched, health and metrics on the metrics port, and a pod that meets the
  /// `restricted` Pod Security Standard (non-root, read-only root filesystem, no capabilities,
  /// no privilege escalation, the runtime's default seccomp profile).
  static func deployment(_ options: InstallOptions) -> JSONValue {
    let selector: JSONValue = ["app.kubernetes.io/name": .string(controllerName)]
    return [
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": metadata(options),
      "spec": [
        "replicas": 2,
        "selector": ["matchLabels": selector],
        "template": [
          "metadata": ["labels": labelsJSON],
          "spec": [
            "serviceAccountName": .string(controllerName),
            "securityContext": [
              "runAsNonRoot": true, "runAsUser": .int(runAsUser), "runAsGroup": .int(runAsUser),
              "seccompProfile": ["type": "RuntimeDefault"],
            ],
            "containers": [container(options)],
            // A writable /tmp on a read-only root filesystem.
            "volumes": [["name": "tmp", "emptyDir": [:]]],
          ],
        ],
      ],
    ]
  }

  /// The command the controller runs: `rollout controller --all-namespaces --leader-elect
  /// --metrics-addr :PORT`.
  static func command(_ options: InstallOptions) -> [String] {
    [
      "rollout", "controller", "--all-namespaces", "--leader-elect",
      "--metrics-addr", ":\(options.metricsPort)",
    ]
  }

  static func container(_ options: InstallOptions) -> JSONValue {
    func probe(_ path: String, period: Int) -> JSONValue {
      [
        "httpGet": ["path": .string(path), "port": "metrics"],
        "periodSeconds": .int(period), "timeoutSeconds": 2, "failureThreshold": 3,
      ]
    }
    // The pod's own name and namespace, for the leader-election lease's holder identity.
    func fieldEnv(_ name: String, _ path: String) -> JSONValue {
      ["name": .string(name), "valueFrom": ["fieldRef": ["fieldPath": .string(path)]]]
    }
    return [
      "name": "controller",
      "image": .string(options.image),
      "imagePullPolicy": "IfNotPresent",
      "command": .array(command(options).map(JSONValue.string)),
      "env": [
        fieldEnv("POD_NAME", "metadata.name"), fieldEnv("POD_NAMESPACE", "metadata.namespace"),
      ],
      "ports": [
        ["name": "metrics", "containerPort": .int(options.metricsPort), "protocol": "TCP"]
      ],
      "livenessProbe": probe("/healthz", period: 10),
      "readinessProbe": probe("/readyz", period: 5),
      "resources": [
        "requests": ["cpu": "100m", "memory": "128Mi"],
        "limits": ["cpu": "1", "memory": "512Mi"],
      ],
      "securityContext": [
        "runAsNonRoot": true, "readOnlyRootFilesystem": true,
        "allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]],
      ],
      "volumeMounts": [["name": "tmp", "mountPath": "/tmp"]],
    ]
  }

  /// The metrics Service, with the annotations Prometheus' usual Kubernetes scrape
  /// configuration looks for.
  static func metricsService(_ options: InstallOptions) -> JSONValue {
    var metadata = metadata(options, name: metricsServiceName)
    metadata["annotations"] = [
      "prometheus.io/scrape": "true", "prometheus.io/port": .string(String(options.metricsPort)),
      "prometheus.io/path": "/metrics",
    ]
    return [
      "apiVersion": "v1", "kind": "Service",
      "metadata": metadata,
      "spec": [
        "type": "ClusterIP",
        "selector": ["app.kubernetes.io/name": .string(controllerName)],
        "ports": [
          [
            "name": "metrics", "port": .int(options.metricsPort), "targetPort": "metrics",
            "protocol": "TCP",
          ]
        ],
      ],
    ]
  }
}
