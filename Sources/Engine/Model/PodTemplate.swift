/// `v1.PodTemplateSpec`: the pod a ReplicaSet stamps out. The pod spec is kept as written
/// (`JSONValue`), so fields the engine does not model survive and take part in the
/// pod-template hash.
public struct PodTemplateSpec: Sendable, Hashable, Codable {
  public var metadata: TemplateMeta?
  public var spec: JSONValue

  public init(metadata: TemplateMeta? = nil, spec: JSONValue) {
    self.metadata = metadata
    self.spec = spec
  }

  /// The labels and annotations a template gives its pods.
  public struct TemplateMeta: Sendable, Hashable, Codable {
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
      self.labels = labels
      self.annotations = annotations
    }
  }

  /// The template's labels.
  public var labels: [String: String] { metadata?.labels ?? [:] }

  /// The `(name, image)` of every container, in order.
  public var containers: [Container] {
    (spec["containers"]?.arrayValue ?? []).map {
      Container(name: $0["name"]?.stringValue ?? "", image: $0["image"]?.stringValue ?? "")
    }
  }

  /// The images of all containers, in order.
  public var images: [String] { containers.map(\.image) }

  /// Sets the image of the container `name`; returns false when there is no such container.
  @discardableResult
  public mutating func setImage(container name: String, to image: String) -> Bool {
    guard var list = spec["containers"]?.arrayValue else { return false }
    guard let index = list.firstIndex(where: { $0["name"]?.stringValue == name }) else {
      return false
    }
    list[index]["image"] = .string(image)
    spec["containers"] = .array(list)
    return true
  }

  /// One container of the template.
  public struct Container: Sendable, Hashable, Codable {
    public var name: String
    public var image: String
  }
}
