import Foundation

/// A bearer token read from a file that is rotated under it (a kubeconfig `tokenFile`, a
/// projected service-account token): read at most every `refreshInterval`, and again at once
/// after `invalidate()`. Surrounding whitespace is trimmed.
///
/// A read that fails after an earlier one succeeded keeps the earlier token until
/// `invalidate()`, as client-go's cached token source does; a file that was never read throws.
public actor TokenFileCredential: CredentialSource {
  /// The file, as resolved.
  public nonisolated let path: String
  /// How long a token read is used before the file is read again.
  public nonisolated let refreshInterval: TimeInterval
  private let now: @Sendable () -> Date
  private var cached: (token: String, readAt: Date)?

  /// - Parameters:
  ///   - refreshInterval: 60 seconds, client-go's period.
  ///   - now: the clock, for tests.
  public init(
    path: String, refreshInterval: TimeInterval = 60,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.path = path
    self.refreshInterval = refreshInterval
    self.now = now
  }

  /// The token, from the cache when read less than `refreshInterval` ago.
  ///
  /// - Throws: `KubeconfigError` naming the file when it cannot be read or holds no token.
  public func current() throws -> Credential {
    let time = now()
    if let cached, time.timeIntervalSince(cached.readAt) < refreshInterval {
      return .bearer(cached.token)
    }
    do {
      let token = try read()
      cached = (token, time)
      return .bearer(token)
    } catch {
      guard let cached else { throw error }
      return .bearer(cached.token)
    }
  }

  /// Forgets the token: the next `current()` reads the file.
  public func invalidate() { cached = nil }

  private func read() throws(KubeconfigError) -> String {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let missing = !FileManager.default.fileExists(atPath: path)
      throw KubeconfigError(
        file: path,
        message: missing
          ? "no such token file" : "cannot read the token file: \(error.localizedDescription)")
    }
    let token = String(decoding: data, as: UTF8.self).trimmingCharacters(
      in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      throw KubeconfigError(file: path, message: "the token file is empty")
    }
    return token
  }
}
