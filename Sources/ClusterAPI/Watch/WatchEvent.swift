import Engine

/// One change to one object, as a watch sends it.
struct WatchEvent {
  enum Kind: String {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
  }

  var kind: Kind
  var type: ResourceType
  var key: ObjectKey
  var object: JSONValue
  var resourceVersion: Int
  /// `{"type":..,"object":..}\n`: made when sent (once per batch for the plain watches that
  /// share it), never for a change nobody watches.
  var line: [UInt8] { Self.line(kind, object) }

  init(kind: Kind, type: ResourceType, key: ObjectKey, object: JSONValue, resourceVersion: Int) {
    self.kind = kind
    self.type = type
    self.key = key
    self.object = object
    self.resourceVersion = resourceVersion
  }

  static func line(_ kind: Kind, _ object: JSONValue) -> [UInt8] {
    var line = Array("{\"type\":\"\(kind.rawValue)\",\"object\":".utf8)
    if (try? object.write(to: &line)) == nil { line += Array("{}".utf8) }
    line += Array("}\n".utf8)
    return line
  }
}
