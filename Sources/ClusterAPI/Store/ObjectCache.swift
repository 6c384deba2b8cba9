import Engine

/// Every served object in wire form, by resource and key: what reads and watches are served
/// from, as the API server's watch cache. Objects of the simulated cluster are refreshed from it
/// after every write; the others (ConfigMaps, Events, Leases, Namespaces) live only here.
struct ObjectCache {
  /// One object and its encoded JSON, made once per resourceVersion.
  struct Entry {
    var object: JSONValue
    var resourceVersion: Int
    private var encoded: [UInt8]?

    init(object: JSONValue, resourceVersion: Int) {
      self.object = object
      self.resourceVersion = resourceVersion
    }

    /// The object as compact JSON.
    mutating func bytes() -> [UInt8] {
      if let encoded { return encoded }
      let bytes = (try? object.exactBytes()) ?? Array("{}".utf8)
      encoded = bytes
      return bytes
    }
  }

  /// Entries by `ResourceType.qualifiedName`, then by key (namespace `""` for cluster-scoped).
  private(set) var entries: [String: [ObjectKey: Entry]] = [:]

  func entry(_ type: ResourceType, _ key: ObjectKey) -> Entry? {
    entries[type.qualifiedName]?[key]
  }

  func object(_ type: ResourceType, _ key: ObjectKey) -> JSONValue? {
    entries[type.qualifiedName]?[key]?.object
  }

  /// The keys of a resource in `namespace` (all when nil), sorted as the API server lists them.
  func keys(_ type: ResourceType, namespace: String?) -> [ObjectKey] {
    guard let all = entries[type.qualifiedName] else { return [] }
    let keys =
      namespace.map { namespace in all.keys.filter { $0.namespace == namespace } }
      ?? Array(all.keys)
    return keys.sorted()
  }

  mutating func bytes(_ type: ResourceType, _ key: ObjectKey) -> [UInt8]? {
    entries[type.qualifiedName]?[key]?.bytes()
  }

  mutating func put(_ type: ResourceType, _ key: ObjectKey, _ object: JSONValue, version: Int) {
    entries[type.qualifiedName, default: [:]][key] = Entry(object: object, resourceVersion: version)
  }

  @discardableResult
  mutating func remove(_ type: ResourceType, _ key: ObjectKey) -> Entry? {
    entries[type.qualifiedName]?.removeValue(forKey: key)
  }

  func count(_ type: ResourceType) -> Int { entries[type.qualifiedName]?.count ?? 0 }
}

extension ObjectKey {
  /// The key of a cluster-scoped object.
  static func cluster(_ name: String) -> ObjectKey { ObjectKey("", name) }
}
