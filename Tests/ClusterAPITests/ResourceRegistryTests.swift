import Testing

@testable import ClusterAPI

@Suite struct ResourceRegistryTests {
  @Test func deploymentsAreFoundByPathAndByKind() throws {
    let registry = ResourceRegistry.served
    let byPath = try #require(registry.type(group: "apps", version: "v1", plural: "deployments"))
    #expect(byPath.kind == "Deployment")
    #expect(registry.type(apiVersion: "apps/v1", kind: "Deployment") == byPath)
    #expect(byPath.qualifiedName == "deployments.apps")
    #expect(byPath.subresource("scale")?.kind == "Scale")
    #expect(registry.type(group: "", version: "v1", plural: "pods")?.qualifiedName == "pods")
  }

  @Test func notFoundNamesTheResourceAsTheAPIServerDoes() throws {
    let type = try #require(ResourceRegistry.served.type(apiVersion: "apps/v1", kind: "Deployment"))
    #expect(APIError.notFound(type, name: "web").message == "deployments.apps \"web\" not found")
  }
}
