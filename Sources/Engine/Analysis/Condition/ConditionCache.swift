import Foundation

/// Parsed conditions by source text, so a metric measured every interval is parsed once per
/// process, not at every measurement. Bounded: past `limit` sources it starts afresh.
final class ConditionCache: @unchecked Sendable {
  static let shared = ConditionCache()
  static let limit = 1_024

  private let lock = NSLock()
  private var parsed: [String: AnalysisCondition] = [:]

  /// The condition `source` parses to (parsed now if it is new); errors are not cached.
  func condition(_ source: String) throws(ConditionError) -> AnalysisCondition {
    lock.lock()
    let known = parsed[source]
    lock.unlock()
    if let known { return known }
    let condition = try AnalysisCondition(parsing: source)
    lock.lock()
    if parsed.count >= Self.limit { parsed.removeAll(keepingCapacity: true) }
    parsed[source] = condition
    lock.unlock()
    return condition
  }
}
