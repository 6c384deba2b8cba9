import Engine

/// A request the API refuses, answered as a `v1 Status` with the API server's code, reason and
/// message (`deployments.apps "web" not found`).
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The HTTP status code.
  public var code: Int
  /// The `StatusReason` (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `BadRequest` ...).
  public var reason: String
  public var message: String
  /// `details` of the Status: the object's name, group and resource (`kind` holds the plural,
  /// as the API server writes it), and field causes for `Invalid`.
  public var details: Details?

  public struct Details: Sendable, Hashable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var causes: [Cause]

    public init(
      name: String? = nil, group: String? = nil, kind: String? = nil, causes: [Cause] = []
    ) {
      self.name = name
      self.group = group
      self.kind = kind
      self.causes = causes
    }
  }

  /// One field's problem (`FieldValueInvalid` at `spec.replicas`).
  public struct Cause: Sendable, Hashable {
    public var reason: String
    public var message: String
    public var field: String

    public init(reason: String, message: String, field: String) {
      self.reason = reason
      self.message = message
      self.field = field
    }
  }

  public init(code: Int, reason: String, message: String, details: Details? = nil) {
    self.code = code
    self.reason = reason
    self.message = message
    self.details = details
  }

  public var description: String { message }

  /// The `v1 Status` object.
  public var status: JSONValue {
    var object: [String: JSONValue] = [
      "kind": "Status", "apiVersion": "v1", "metadata": .object([:]),
      "status": "Failure", "message": .string(message), "reason": .string(reason),
      "code": .int(code),
    ]
    if let details {
      var members: [String: JSONValue] = [:]
      if let name = details.name { members["name"] = .string(name) }
      if let group = details.group { members["group"] = .string(group) }
      if let kind = details.kind { members["kind"] = .string(kind) }
      if !details.causes.isEmpty {
        members["causes"] = .array(
          details.causes.map {
            .object([
              "reason": .string($0.reason), "message": .string($0.message),
              "field": .string($0.field),
            ])
          })
      }
      object["details"] = .object(members)
    }
    return .object(object)
  }
}

extension APIError {
  /// 400: the request itself is malformed (a patch that is not JSON, a bad selector).
  public static func badRequest(_ message: String) -> APIError {
    APIError(code: 400, reason: "BadRequest", message: message)
  }

  /// 404 for an object: `deployments.apps "web" not found`.
  public static func notFound(_ type: ResourceType, name: String) -> APIError {
    APIError(
      code: 404, reason: "NotFound", message: "\(type.qualifiedName) \"\(name)\" not found",
      details: Details(name: name, group: type.group, kind: type.plural))
  }

  /// 404 for a path nothing serves.
  public static let noSuchPath = APIError(
    code: 404, reason: "NotFound", message: "the server could not find the requested resource",
    details: Details())

  /// 409: the name is taken.
  public static func alreadyExists(_ type: ResourceType, name: String) -> APIError {
    APIError(
      code: 409, reason: "AlreadyExists",
      message: "\(type.qualifiedName) \"\(name)\" already exists",
      details: Details(name: name, group: type.group, kind: type.plural))
  }

  /// 409: a stale `resourceVersion`.
  public static func conflict(_ type: ResourceType, name: String) -> APIError {
    APIError(
      code: 409, reason: "Conflict",
      message:
        "Operation cannot be fulfilled on \(type.qualifiedName) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
      details: Details(name: name, group: type.group, kind: type.plural))
  }

  /// 422 with field causes: `Deployment.apps "web" is invalid: spec.replicas: Invalid value ...`.
  public static func invalid(_ type: ResourceType, name: String, causes: [Cause]) -> APIError {
    let group = type.group.isEmpty ? "" : ".\(type.group)"
    let list = causes.map { "\($0.field): \($0.message)" }.joined(separator: ", ")
    let text = causes.count == 1 ? list : "[\(list)]"
    return APIError(
      code: 422, reason: "Invalid", message: "\(type.kind)\(group) \"\(name)\" is invalid: \(text)",
      details: Details(name: name, group: type.group, kind: type.kind, causes: causes))
  }

  /// 405: the verb is not served on this resource.
  public static func methodNotAllowed(_ verb: String, _ type: ResourceType) -> APIError {
    APIError(
      code: 405, reason: "MethodNotAllowed",
      message: "the server does not allow this method on the requested resource",
      details: Details(group: type.group, kind: type.plural))
  }

  /// 410 for a watch or list from a resourceVersion the server no longer has.
  public static func expired(_ message: String) -> APIError {
    APIError(code: 410, reason: "Expired", message: message)
  }
}
