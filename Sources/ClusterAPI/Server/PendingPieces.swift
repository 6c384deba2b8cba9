// Temporary stand-ins for the helpers' pieces (replaced at merge).
import Engine

struct LabelQuery {
  init(parsing: String) throws(APIError) {}
  func matches(_ labels: [String: String]) -> Bool { true }
}
struct FieldQuery {
  init(parsing: String, kind: String) throws(APIError) {}
  func matches(_ object: JSONValue) -> Bool { true }
}
enum TableRenderer {
  static func table(
    for type: ResourceType, objects: [JSONValue], now: Double, includeObject: String?,
    resourceVersion: String?, withColumns: Bool = true
  ) -> JSONValue { .null }
}
enum PatchType: String {
  case json = "application/json-patch+json"
  case merge = "application/merge-patch+json"
  case strategic = "application/strategic-merge-patch+json"
  case apply = "application/apply-patch+yaml"
  init?(contentType: String) { self.init(rawValue: contentType) }
}
enum Patching {
  static func apply(
    _ type: PatchType, body: [UInt8], to object: JSONValue, kind: String, isCustomResource: Bool
  ) throws(APIError) -> JSONValue { object }
}
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
