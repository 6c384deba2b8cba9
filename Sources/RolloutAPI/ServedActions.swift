import Engine
import Foundation

/// Operator verbs for a store that `rollout serve` holds, through the store itself: the verb
/// leaves a request in `serve/actions/`, the server carries it out on its next tick through the
/// same `OperatorActions` the CLI uses, and answers beside it. Requests and answers are written
/// atomically; the lock stays the server's.
public enum ServedActions {
  /// One request: the action and the Deployment (or Rollout) it is for.
  public struct Request: Codable, Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var verb: String
    public var full: Bool?
    public var replicas: Int?
    public var toRevision: Int?
    public var images: [String: String]?
    public var at: String?

    public init(_ action: OperatorAction, on key: ObjectKey) {
      namespace = key.namespace
      name = key.name
      switch action {
      case .promote(let full):
        verb = "promote"
        self.full = full
      case .abort: verb = "abort"
      case .retry: verb = "retry"
      case .pause: verb = "pause"
      case .resume: verb = "resume"
      case .scale(let replicas):
        verb = "scale"
        self.replicas = replicas
      case .undo(let revision):
        verb = "undo"
        toRevision = revision
      case .setImage(let images):
        verb = "set-image"
        self.images = images
      case .restart(let at):
        verb = "restart"
        self.at = at
      }
    }

    public var key: ObjectKey { ObjectKey(namespace, name) }

    /// The action, or nil for a verb this version does not know.
    public var action: OperatorAction? {
      switch verb {
      case "promote": .promote(full: full ?? false)
      case "abort": .abort
      case "retry": .retry
      case "pause": .pause
      case "resume": .resume
      case "scale": replicas.map { .scale(replicas: $0) }
      case "undo": .undo(toRevision: toRevision ?? 0)
      case "set-image": images.map { .setImage($0) }
      case "restart": at.map { .restart(at: $0) }
      default: nil
      }
    }
  }

  /// The server's answer.
  public struct Answer: Codable, Sendable, Hashable {
    /// Carried out; false when refused (`message` says why).
    public var done: Bool
    public var message: String

    public init(done: Bool, message: String) {
      self.done = done
      self.message = message
    }
  }

  static func folder(_ directory: String) -> String { directory + "/serve/actions" }

  /// Leaves `request` for the server of `directory` and waits up to `timeout` seconds for its
  /// answer.
  public static func send(_ request: Request, directory: String, timeout: Double = 15) throws
    -> Answer
  {
    let folder = folder(directory)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let id = UUID().uuidString
    let data = try JSONEncoder().encode(request)
    try data.write(to: URL(fileURLWithPath: "\(folder)/\(id).request"), options: .atomic)
    let answerPath = "\(folder)/\(id).answer"
    let deadline = ContinuousClock.now + .seconds(timeout)
    while ContinuousClock.now < deadline {
      if let data = FileManager.default.contents(atPath: answerPath),
        let answer = try? JSONDecoder().decode(Answer.self, from: data)
      {
        try? FileManager.default.removeItem(atPath: answerPath)
        return answer
      }
      usleep(10_000)
    }
    try? FileManager.default.removeItem(atPath: "\(folder)/\(id).request")
    throw SessionError(
      "rollout serve did not answer within \(Int(timeout))s (is it still running?)")
  }

  /// The requests waiting in `directory`, oldest first, each taken (removed) as it is read.
  public static func take(directory: String) -> [(id: String, request: Request?)] {
    let folder = folder(directory)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      return []
    }
    var taken: [(id: String, request: Request?, date: Date)] = []
    for name in names where name.hasSuffix(".request") {
      let path = "\(folder)/\(name)"
      let date =
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        ?? Date.distantPast
      let data = FileManager.default.contents(atPath: path)
      try? FileManager.default.removeItem(atPath: path)
      let request = data.flatMap { try? JSONDecoder().decode(Request.self, from: $0) }
      taken.append((String(name.dropLast(".request".count)), request, date))
    }
    return taken.sorted { $0.date < $1.date }.map { ($0.id, $0.request) }
  }

  /// Answers the request `id`.
  public static func answer(_ answer: Answer, id: String, directory: String) {
    guard let data = try? JSONEncoder().encode(answer) else { return }
    try? data.write(to: URL(fileURLWithPath: "\(folder(directory))/\(id).answer"), options: .atomic)
  }
}
