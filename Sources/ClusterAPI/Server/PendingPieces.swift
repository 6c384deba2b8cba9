// Temporary stand-ins for the helpers' pieces (replaced at merge).
import Engine

enum Discovery {
  static func version() -> JSONValue { .null }
}
extension Discovery {
  static func legacyAPIVersions() -> JSONValue { .null }
  static func groupList(_ registry: ResourceRegistry) -> JSONValue { .null }
  static func group(_ registry: ResourceRegistry, name: String) -> JSONValue? { nil }
  static func resourceList(_ registry: ResourceRegistry, group: String, version: String)
    -> JSONValue?
  { nil }
  enum Format { case legacy, aggregatedV2, aggregatedV2Beta1 }
  static func format(accept: String?) -> Format { .legacy }
  static func aggregated(_ registry: ResourceRegistry, legacyCore: Bool, format: Format) -> (
    body: JSONValue, contentType: String
  ) { (.null, "") }
}
enum OpenAPIV3 {
  static func index(_ registry: ResourceRegistry) -> JSONValue { .null }
  static func document(_ registry: ResourceRegistry, path: String) -> JSONValue? { nil }
}
