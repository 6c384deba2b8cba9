import Engine
import Foundation
import Store

/// Appends decision records to `<store>/decisions.jsonl`, one JSON object per line.
///
/// Records are encoded on a background queue (a big simulation makes thousands of decisions, and
/// encoding a snapshot costs more than deciding it), buffered, and written in one append with one
/// fsync per flush (at most every `RolloutSession.saveInterval` while a rollout runs, and when it
/// ends), so the rollout never waits for the log. The file is only ever appended to. A crash can lose
/// the records since the last flush, with the cluster changes since the last save; it can tear
/// the last line, which readers skip.
public final class DecisionLogWriter {
  /// The log's file name in the store.
  public static let fileName = "decisions.jsonl"

  public let store: StateStore
  private let encoding = DispatchQueue(label: "rollout.decision-log")
  private let pending = LineBuffer()
  /// The last step number per deployment revision (`namespace/name#revision`).
  private var steps: [String: Int]?
  private var lastFlush = ContinuousClock.now

  public init(store: StateStore) {
    self.store = store
  }

  /// Numbers `record` (the next step of its revision) and buffers it.
  public func record(_ record: DecisionRecord) {
    var record = record
    let key = Self.key(record.namespace, record.deployment, record.revision)
    var steps = self.steps ?? existingSteps()
    record.step = (steps[key] ?? 0) + 1
    steps[key] = record.step
    self.steps = steps
    let (pending, numbered) = (self.pending, record)
    encoding.async {
      if let line = try? numbered.line() { pending.lines.append(line) }
    }
  }

  /// Writes the buffered records if `RolloutSession.saveInterval` has passed since the last
  /// flush.
  public func checkpoint() throws {
    if ContinuousClock.now - lastFlush >= RolloutSession.saveInterval { try flush() }
  }

  /// Appends the buffered records to the log, with one fsync.
  public func flush() throws {
    lastFlush = ContinuousClock.now
    let pending = encoding.sync { () -> [String] in
      defer { self.pending.lines.removeAll() }
      return self.pending.lines
    }
    guard !pending.isEmpty else { return }
    let path = store.path(of: Self.fileName)
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw SessionError("cannot open the decision log \(path)")
    }
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data((pending.joined(separator: "\n") + "\n").utf8))
    try handle.synchronize()
  }

  /// The step numbers already in the log, read once.
  private func existingSteps() -> [String: Int] {
    struct Head: Decodable {
      var deployment: String
      var namespace: String
      var revision: Int
      var step: Int
    }
    var steps = [String: Int]()
    let decoder = JSONDecoder()
    for line in (try? store.lines(of: Self.fileName)) ?? [] {
      guard let head = try? decoder.decode(Head.self, from: Data(line.utf8)) else { continue }
      let key = Self.key(head.namespace, head.deployment, head.revision)
      steps[key] = max(steps[key] ?? 0, head.step)
    }
    return steps
  }

  private static func key(_ namespace: String, _ name: String, _ revision: Int) -> String {
    "\(namespace)/\(name)#\(revision)"
  }
}

/// Encoded lines waiting to be written. Touched only on the writer's `encoding` queue, which is
/// what makes it safe to share.
private final class LineBuffer: @unchecked Sendable {
  var lines: [String] = []
}

/// Reads `<store>/decisions.jsonl`.
public enum DecisionLogReader {
  /// The records of Deployment `name` in `namespace` (of `revision` when given), oldest first.
  /// Lines that do not parse (a torn append) are skipped.
  public static func records(
    in store: StateStore, name: String, namespace: String, revision: Int? = nil
  ) throws -> [DecisionRecord] {
    records(
      lines: try store.lines(of: DecisionLogWriter.fileName), name: name, namespace: namespace,
      revision: revision)
  }

  /// The records of Deployment `name` in `namespace` (of `revision` when given) among `lines`.
  public static func records(
    lines: [String], name: String, namespace: String, revision: Int? = nil
  ) -> [DecisionRecord] {
    lines.compactMap { line in
      guard line.contains("\"deployment\":\"\(name)\""),
        let record = try? DecisionRecord(line: line),
        record.deployment == name, record.namespace == namespace,
        revision == nil || record.revision == revision
      else { return nil }
      return record
    }
  }
}
