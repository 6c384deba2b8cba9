import Dispatch

/// Runs blocking work (a Lua simulation, a drive of the local store) on a thread of its own, so
/// it never holds one of the few threads of Swift's concurrency pool that serve every request.
enum Offload {
  static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try work() })
      }
    }
  }
}
