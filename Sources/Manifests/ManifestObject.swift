import Engine
import Yams

/// An object loaded from a manifest.
public enum ManifestObject: Sendable, Hashable {
  /// An `apps/v1` Deployment, or an Argo Rollout read as one (its `kind` says which).
  case deployment(Deployment)
  /// A `v1` Service.
  case service(Service)
  /// An Argo `AnalysisTemplate` or `ClusterAnalysisTemplate` (its `kind` says which).
  case analysisTemplate(AnalysisTemplate)

  /// `kind` of the object.
  public var kind: String {
    switch self {
    case .deployment(let deployment): deployment.kind
    case .service: "Service"
    case .analysisTemplate(let template): template.kind
    }
  }

  /// `metadata.name` of the object.
  public var name: String {
    switch self {
    case .deployment(let deployment): deployment.metadata.name
    case .service(let service): service.metadata.name
    case .analysisTemplate(let template): template.metadata.name
    }
  }
}

/// The objects of one manifest file.
public struct LoadedManifest: Sendable, Hashable {
  /// The file as named by the caller (`"<inline>"` when loaded from a string without a name).
  public var file: String
  /// The objects, in document order.
  public var objects: [ManifestObject]
  /// Documents that were read but not applied, such as kinds the engine does not handle yet.
  public var warnings: [String]

  public init(file: String, objects: [ManifestObject], warnings: [String]) {
    self.file = file
    self.objects = objects
    self.warnings = warnings
  }

  /// The Services among `objects`.
  public var services: [Service] {
    objects.compactMap {
      if case .service(let service) = $0 { return service }
      return nil
    }
  }

  /// The AnalysisTemplates and ClusterAnalysisTemplates among `objects`.
  public var analysisTemplates: [AnalysisTemplate] {
    objects.compactMap {
      if case .analysisTemplate(let template) = $0 { return template }
      return nil
    }
  }

  /// The Deployments (and Rollouts) among `objects`.
  public var deployments: [Deployment] {
    objects.compactMap {
      if case .deployment(let deployment) = $0 { return deployment }
      return nil
    }
  }
}

/// How one kind is read: which `apiVersion`s are accepted, the fields to fill in so that a
/// missing required field is reported by validation (with every other problem) rather than as
/// the first decoding error, how to decode it and how to validate it.
///
/// To support a new kind (a `Service`, an Argo `Rollout`), add a case to `ManifestObject` and a
/// `ManifestKind` to `ManifestKind.all`.
struct ManifestKind: Sendable {
  var kind: String
  var apiVersions: [String]
  /// Paths of maps to create when absent, then `(path, key)` of strings to create as "".
  var requiredMaps: [[String]]
  var requiredStrings: [[String]]
  /// The fields the kind has (`KnownFields`).
  var schema: FieldSchema
  /// Decodes the object; the strings are warnings (fields read but not supported).
  var decode: @Sendable (Node) throws -> (ManifestObject, [String])
  var validate: @Sendable (ManifestObject) -> [FieldViolation]

  static let all: [ManifestKind] = [
    .deployment, .rollout, .service, .analysisTemplate, .clusterAnalysisTemplate,
  ]

  static func find(kind: String) -> ManifestKind? { all.first { $0.kind == kind } }

  static let deployment = ManifestKind(
    kind: "Deployment", apiVersions: ["apps/v1"],
    requiredMaps: [
      ["metadata"], ["spec"], ["spec", "selector"], ["spec", "template"],
      ["spec", "template", "spec"],
    ],
    requiredStrings: [["metadata", "name"]],
    schema: KnownFields.deployment,
    decode: { node in
      var deployment = try YAMLDecoder().decode(Deployment.self, from: node)
      deployment.metadata.namespace = deployment.metadata.namespace ?? "default"
      return (.deployment(deployment), [])
    },
    validate: validateObject)

  /// Argo Rollouts' `Rollout`, read as a Deployment run by the stock canary or blue-green
  /// strategy (see `RolloutConversion`).
  static let rollout = ManifestKind(
    kind: "Rollout", apiVersions: ["argoproj.io/v1alpha1"],
    requiredMaps: [
      ["metadata"], ["spec"], ["spec", "selector"], ["spec", "template"],
      ["spec", "template", "spec"],
    ],
    requiredStrings: [["metadata", "name"]],
    schema: KnownFields.rollout,
    decode: { node in
      let (deployment, warnings) = try RolloutConversion.decode(node)
      return (.deployment(deployment), warnings)
    },
    validate: validateObject)

  /// A `v1` Service: the engine points its selector at a version for blue-green and reads the
  /// traffic share of each version from it.
  static let service = ManifestKind(
    kind: "Service", apiVersions: ["v1"], requiredMaps: [["metadata"], ["spec"]],
    requiredStrings: [["metadata", "name"]],
    schema: KnownFields.service,
    decode: { node in
      var service = try YAMLDecoder().decode(Service.self, from: node)
      service.metadata.namespace = service.metadata.namespace ?? "default"
      return (.service(service), [])
    },
    validate: validateObject)

  private static func validateObject(_ object: ManifestObject) -> [FieldViolation] {
    switch object {
    case .deployment(let deployment): Manifests.validate(deployment: deployment)
    case .service(let service):
      service.metadata.name.isEmpty
        ? [FieldViolation("metadata.name", "required value is missing")] : []
    case .analysisTemplate: []
    }
  }
}
