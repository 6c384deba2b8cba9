import Dispatch
import Foundation

/// Runs async work from a synchronous command and hands its result back; SIGINT and SIGTERM
/// cancel it (the work decides what stopping means, and returns).
enum AsyncBridge {
  static func run<T: Sendable>(
    cancelOnSignals: Bool = false, _ body: @escaping @Sendable () async throws -> T
  ) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let task = Task {
      do {
        box.set(.success(try await body()))
      } catch {
        box.set(.failure(error))
      }
      done.signal()
    }
    var sources: [any DispatchSourceSignal] = []
    if cancelOnSignals {
      for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        sources.append(source)
      }
    }
    done.wait()
    for source in sources { source.cancel() }
    return try box.get()
  }
}

/// The async work's result, handed to the waiting thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<T, any Error>?
  func set(_ result: Result<T, any Error>) { lock.withLock { self.result = result } }
  func get() throws -> T { try lock.withLock { result! }.get() }
}
