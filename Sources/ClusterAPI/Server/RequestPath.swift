/// A request path taken apart: which resource, in which namespace, which object and subresource.
struct RequestPath: Equatable {
  var group: String
  var version: String
  var namespace: String?
  var resource: String
  var name: String?
  var subresource: String?

  /// Parses `/api/v1/...` and `/apis/<group>/<version>/...` resource paths; nil for any other.
  init?(_ path: String) {
    var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard let root = segments.first else { return nil }
    if root == "api" {
      guard segments.count >= 3 else { return nil }
      group = ""
      version = segments[1]
      segments.removeFirst(2)
    } else if root == "apis" {
      guard segments.count >= 4 else { return nil }
      group = segments[1]
      version = segments[2]
      segments.removeFirst(3)
    } else {
      return nil
    }
    namespace = nil
    name = nil
    subresource = nil
    // namespaces/{ns}/{resource}/... unless this addresses a Namespace itself.
    if segments[0] == "namespaces", segments.count >= 3,
      !(segments.count == 3 && ["status", "finalize"].contains(segments[2]))
    {
      namespace = segments[1]
      segments.removeFirst(2)
    }
    guard segments.count <= 3 else { return nil }
    resource = segments[0]
    if segments.count >= 2 { name = segments[1] }
    if segments.count == 3 { subresource = segments[2] }
  }
}
