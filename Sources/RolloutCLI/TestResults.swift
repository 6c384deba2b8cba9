import Engine
import Foundation
import Scenarios

/// One test file's results.
struct FileResult {
  var path: String
  var strategy: String
  var cases: [CaseResult]
}

/// One case's result.
struct CaseResult {
  var name: String
  /// `decision` or `scenario`.
  var kind: String
  var failures: [CaseFailure]
  /// Lines that show what happened around the first failure (trace excerpt, or the decision).
  var context: [String]
  var wallSeconds: Double

  var passed: Bool { failures.isEmpty }
}
