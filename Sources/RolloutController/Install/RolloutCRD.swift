import Engine

/// The `rollouts.argoproj.io` CustomResourceDefinition `rollout install` prints: Argo Rollouts'
/// group, names and version, so Rollout manifests written for Argo apply unchanged and
/// `kubectl get ro` works, with a structural schema of our own (`RolloutCRD+Schema.swift`).
///
/// The `scale` subresource lets `kubectl scale` and a HorizontalPodAutoscaler drive
/// `.spec.replicas`; `status` keeps the controller's writes apart from users' edits.
public enum RolloutCRD {
  public static let group = "argoproj.io"
  public static let version = "v1alpha1"
  public static let kind = "Rollout"
  public static let plural = "rollouts"
  /// `rollouts.argoproj.io`: a CRD's name is `<plural>.<group>`.
  public static let name = "\(plural).\(group)"

  /// The CustomResourceDefinition (`apiextensions.k8s.io/v1`), labelled with `labels`.
  public static func definition(labels: [String: String] = [:]) -> JSONValue {
    [
      "apiVersion": "apiextensions.k8s.io/v1",
      "kind": "CustomResourceDefinition",
      "metadata": [
        "name": .string(name), "labels": .object(labels.mapValues(JSONValue.string)),
      ],
      "spec": [
        "group": .string(group),
        "names": [
          "kind": .string(kind), "listKind": "RolloutList", "plural": .string(plural),
          "singular": "rollout", "shortNames": ["ro"], "categories": ["all"],
        ],
        "scope": "Namespaced",
        "versions": [
          [
            "name": .string(version), "served": true, "storage": true,
            "schema": ["openAPIV3Schema": schema],
            "subresources": [
              "status": [:],
              "scale": [
                "specReplicasPath": ".spec.replicas",
                "statusReplicasPath": ".status.replicas",
                "labelSelectorPath": ".status.selector",
              ],
            ],
            "additionalPrinterColumns": .array(printerColumns),
          ]
        ],
      ],
    ]
  }

  /// `kubectl get rollouts`' columns, Argo's: Desired, Current, Up-to-date, Available, Age.
  static let printerColumns: [JSONValue] = [
    column("Desired", ".spec.replicas", "integer", "Pods wanted"),
    column("Current", ".status.replicas", "integer", "Pods of every revision, not terminating"),
    column(
      "Up-to-date", ".status.updatedReplicas", "integer",
      "Pods of the current revision, not terminating"),
    column(
      "Available", ".status.availableReplicas", "integer",
      "Pods ready for at least minReadySeconds"),
    column("Age", ".metadata.creationTimestamp", "date", "Time since the Rollout was created"),
  ]

  private static func column(
    _ name: String, _ path: String, _ type: String, _ description: String
  ) -> JSONValue {
    [
      "name": .string(name), "jsonPath": .string(path), "type": .string(type),
      "description": .string(description),
    ]
  }
}
