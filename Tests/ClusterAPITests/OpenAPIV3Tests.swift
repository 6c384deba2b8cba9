import Engine
import Testing

@testable import ClusterAPI

/// The OpenAPI v3 index and documents, checked the way kubectl reads them.
@Suite struct OpenAPIV3Tests {
  let registry = ResourceRegistry.served

  static func path(_ type: ResourceType) -> String {
    type.group.isEmpty ? "api/\(type.version)" : "apis/\(type.group)/\(type.version)"
  }

  @Test func indexListsEveryGroupVersionWithItsDocumentHash() throws {
    let paths = try #require(OpenAPIV3.index(registry)["paths"]?.objectValue)
    let expected = Set(registry.types.map(Self.path))
    #expect(Set(paths.keys) == expected)
    for (path, entry) in paths {
      let document = try #require(OpenAPIV3.document(registry, path: path))
      let hash = OpenAPIV3.hash(document)
      #expect(entry["serverRelativeURL"]?.stringValue == "/openapi/v3/\(path)?hash=\(hash)")
      #expect(hash.count == 64)
      #expect(hash == Digest.sha256Hex(Array(try document.exactText().utf8)).uppercased())
    }
  }

  @Test func hashIsStableAndFollowsTheContent() throws {
    let first = try #require(OpenAPIV3.document(registry, path: "apis/apps/v1"))
    let again = try #require(OpenAPIV3.document(registry, path: "apis/apps/v1"))
    #expect(OpenAPIV3.hash(first) == OpenAPIV3.hash(again))
    var changed = first
    changed["info"] = ["title": "Kubernetes", "version": "v0"]
    #expect(OpenAPIV3.hash(changed) != OpenAPIV3.hash(first))
    #expect(OpenAPIV3.index(registry) == OpenAPIV3.index(registry))
  }

  @Test(arguments: [
    ("api/v1", true), ("/apis/apps/v1", true), ("apis/argoproj.io/v1alpha1", true),
    ("apis/apps/v2", false), ("apis/apps", false), ("api", false), ("version", false),
    ("apis/autoscaling/v1", false),
  ])
  func documentExistsOnlyForServedGroupVersions(path: String, exists: Bool) {
    #expect((OpenAPIV3.document(registry, path: path) != nil) == exists)
  }

  /// kubectl's `supportsQueryParamV3`: the first PATCH operation tagged with the kind decides,
  /// so every one of them must list `fieldValidation`.
  @Test(arguments: ResourceRegistry.served.types)
  func everyPatchOfTheKindListsFieldValidation(_ type: ResourceType) throws {
    let document = try #require(OpenAPIV3.document(registry, path: Self.path(type)))
    let gvk: JSONValue = [
      "group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind),
    ]
    let patches = try #require(document["paths"]?.objectValue).values.compactMap { $0["patch"] }
      .filter { $0["x-kubernetes-group-version-kind"] == gvk }
    // The object's own PATCH (unless it is read-only) and its status subresource's speak the
    // kind.
    #expect(
      patches.count
        == (type.verbs.contains("patch") ? 1 : 0) + (type.subresource("status") == nil ? 0 : 1))
    for patch in patches {
      let names = (patch["parameters"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
      #expect(names.contains("fieldValidation"))
      #expect(patch["x-kubernetes-action"] == "patch")
      let content = try #require(patch["requestBody"]?["content"]?.objectValue)
      // Strategic merge patch for Kubernetes' own kinds only, as for custom resources.
      #expect(
        (content["application/strategic-merge-patch+json"] != nil)
          == (type.group != "argoproj.io"))
      #expect(content["application/merge-patch+json"] != nil)
      #expect(content["application/apply-patch+yaml"] != nil)
    }
  }

  @Test func subresourcePatchesAreTaggedWithTheKindTheySpeak() throws {
    let document = try #require(OpenAPIV3.document(registry, path: "apis/apps/v1"))
    let paths = try #require(document["paths"]?.objectValue)
    let item = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"
    #expect(
      paths[item + "/scale"]?["patch"]?["x-kubernetes-group-version-kind"]
        == ["group": "autoscaling", "version": "v1", "kind": "Scale"])
    #expect(
      paths[item + "/status"]?["patch"]?["x-kubernetes-group-version-kind"]
        == ["group": "apps", "version": "v1", "kind": "Deployment"])
    #expect(paths[item]?["patch"]?["operationId"] == "patchAppsV1NamespacedDeployment")
    #expect(
      paths[item + "/scale"]?["put"]?["operationId"] == "replaceAppsV1NamespacedDeploymentScale")
    #expect(
      paths["/apis/apps/v1/deployments"]?["get"]?["operationId"]
        == "listAppsV1DeploymentForAllNamespaces")
  }

  @Test func operationIDsFollowTheAPIServersNaming() throws {
    let core = try #require(OpenAPIV3.document(registry, path: "api/v1")?["paths"])
    #expect(core["/api/v1/namespaces/{name}"]?["get"]?["operationId"] == "readCoreV1Namespace")
    #expect(
      core["/api/v1/namespaces/{namespace}/pods"]?["delete"]?["operationId"]
        == "deleteCoreV1CollectionNamespacedPod")
    let argo = try #require(OpenAPIV3.document(registry, path: "apis/argoproj.io/v1alpha1"))
    #expect(
      argo["paths"]?["/apis/argoproj.io/v1alpha1/rollouts"]?["get"]?["operationId"]
        == "listArgoprojIoV1alpha1RolloutForAllNamespaces")
  }

  @Test(arguments: Set(ResourceRegistry.served.types.map(Self.path)).sorted())
  func everyReferenceResolvesWithinItsDocument(_ path: String) throws {
    let document = try #require(OpenAPIV3.document(registry, path: path))
    let schemas = try #require(document["components"]?["schemas"]?.objectValue)
    let references = Set(OpenAPISchema.references(in: document))
    #expect(!references.isEmpty)
    for reference in references {
      #expect(schemas[reference] != nil, "\(path): \(reference)")
    }
  }

  /// `kubectl explain` finds the operation's GVK, then the component schema whose
  /// `x-kubernetes-group-version-kind` list contains it.
  @Test(arguments: Set(ResourceRegistry.served.types.map(Self.path)).sorted())
  func everyTaggedOperationHasATaggedSchema(_ path: String) throws {
    let document = try #require(OpenAPIV3.document(registry, path: path))
    let schemas = try #require(document["components"]?["schemas"]?.objectValue)
    let tagged = schemas.values.flatMap { $0["x-kubernetes-group-version-kind"]?.arrayValue ?? [] }
    for item in try #require(document["paths"]?.objectValue).values {
      for method in ["get", "put", "post", "patch", "delete"] {
        guard let gvk = item[method]?["x-kubernetes-group-version-kind"] else { continue }
        #expect(tagged.contains(gvk), "\(path) \(method): \(gvk)")
      }
    }
  }

  @Test(arguments: ResourceRegistry.served.types)
  func everyKindAndItsListHaveATaggedSchema(_ type: ResourceType) throws {
    let document = try #require(OpenAPIV3.document(registry, path: Self.path(type)))
    let schemas = try #require(document["components"]?["schemas"]?.objectValue)
    for kind in [type.kind, type.listKind] {
      let name = OpenAPIComponents.schemaName(
        group: type.group, version: type.version, kind: kind)
      let schema = try #require(schemas[name], "\(name)")
      #expect(
        schema["x-kubernetes-group-version-kind"]
          == [
            ["group": .string(type.group), "version": .string(type.version), "kind": .string(kind)]
          ])
      #expect(schema["properties"]?["metadata"] != nil)
    }
  }

  @Test func deploymentSpecExplainsItsFields() throws {
    let document = try #require(OpenAPIV3.document(registry, path: "apis/apps/v1"))
    let schemas = try #require(document["components"]?["schemas"])
    let spec = try #require(schemas["io.k8s.api.apps.v1.DeploymentSpec"])
    let fields = Set(try #require(spec["properties"]?.objectValue).keys)
    #expect(
      fields.isSuperset(of: [
        "replicas", "selector", "template", "strategy", "minReadySeconds",
        "revisionHistoryLimit", "paused", "progressDeadlineSeconds",
      ]))
    #expect(spec["required"] == ["selector", "template"])
    #expect(spec["description"]?.stringValue?.isEmpty == false)
    for (name, field) in try #require(spec["properties"]?.objectValue) {
      #expect(field["description"]?.stringValue?.isEmpty == false, "\(name)")
    }
  }
}

/// The documents rendered once for serving.
@Suite struct OpenAPIV3PublishedTests {
  @Test func publishedDocumentsAreTheDocumentsAsText() throws {
    let registry = ResourceRegistry.served
    let published = OpenAPIV3.Published(registry)
    #expect(try JSONValue(exactText: published.indexText) == OpenAPIV3.index(registry))
    #expect(Set(published.documents.keys) == Set(registry.types.map(OpenAPIV3Tests.path)))
    for (path, served) in published.documents {
      let document = try #require(OpenAPIV3.document(registry, path: path))
      #expect(try JSONValue(exactText: served.text) == document)
      #expect(served.hash == OpenAPIV3.hash(document))
    }
    #expect(published.document(path: "/apis/apps/v1") == published.documents["apis/apps/v1"])
    #expect(published.document(path: "apis/apps/v2") == nil)
  }
}

@Suite struct DigestTests {
  /// FIPS 180-2's test vectors: the hash names documents by their bytes.
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  ])
  func sha256MatchesTheStandardVectors(text: String, digest: String) {
    #expect(Digest.sha256Hex(Array(text.utf8)) == digest)
  }
}
