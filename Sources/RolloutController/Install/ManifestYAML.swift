import Engine
import Yams

/// Kubernetes objects as multi-document YAML, the form `kubectl apply -f` reads.
///
/// Written through Yams' emitter, so the text is valid YAML by construction: a string that
/// would read back as another type (`"true"`, `"8090"`, `""`) is quoted. Keys come in the order
/// people write manifests in (`apiVersion`, `kind`, `metadata`, then `name`), the rest sorted,
/// so the same objects always give the same bytes.
public enum ManifestYAML {
  /// Keys written first, in this order, wherever they occur; every other key follows, sorted.
  static let leadingKeys = ["apiVersion", "kind", "metadata", "name", "namespace"]

  /// `documents` as YAML, each starting with `---`.
  public static func render(_ documents: [JSONValue]) throws -> String {
    try Yams.serialize(
      nodes: documents.map(node), width: -1, explicitStart: true, sortKeys: false)
  }

  /// One value as a YAML node.
  static func node(_ value: JSONValue) throws -> Node {
    switch value {
    case .null: return Node("null", Tag(.null))
    case .bool(let value): return try value.represented()
    case .int(let value): return try value.represented()
    case .double(let value): return try value.represented()
    case .string(let value): return .scalar(value.represented())
    case .array(let values): return Node(try values.map(node))
    case .object(let members):
      let pairs = try orderedKeys(members.keys).map { key -> (Node, Node) in
        (.scalar(key.represented()), try node(members[key]!))
      }
      return Node(pairs)
    }
  }

  /// `keys` in manifest order: the leading keys present, then the rest sorted.
  static func orderedKeys(_ keys: Dictionary<String, JSONValue>.Keys) -> [String] {
    let leading = leadingKeys.filter(keys.contains)
    return leading + keys.filter { !leadingKeys.contains($0) }.sorted()
  }
}
