import Engine

extension OpenAPIV3 {
  /// Every OpenAPI v3 document of a registry rendered once, as served: the documents are a
  /// function of the registry alone, so `rollout serve` builds this at start and answers
  /// `/openapi/v3` and `/openapi/v3/<path>` from it (with `hash` as the `ETag`) instead of
  /// rendering and hashing about 300 KB per request.
  public struct Published: Sendable {
    /// One document: its JSON text (the bytes to send) and that text's hash.
    public struct Document: Sendable, Hashable {
      public let text: String
      public let hash: String
    }

    /// The `/openapi/v3` index as JSON text.
    public let indexText: String
    /// The documents by path (`api/v1`, `apis/apps/v1`).
    public let documents: [String: Document]

    public init(_ registry: ResourceRegistry) {
      var documents: [String: Document] = [:]
      for (group, version) in groupVersions(registry) {
        let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
        guard let document = OpenAPIV3.document(registry, path: path) else { continue }
        let text = (try? document.exactText()) ?? ""
        documents[path] = Document(text: text, hash: OpenAPIV3.hash(text: text))
      }
      self.documents = documents
      let index = OpenAPIV3.index(hashes: documents.mapValues(\.hash))
      indexText = (try? index.exactText()) ?? "{}"
    }

    /// The document at `path` (a leading `/` allowed), if served.
    public func document(path: String) -> Document? {
      documents[path.hasPrefix("/") ? String(path.dropFirst()) : path]
    }
  }
}
