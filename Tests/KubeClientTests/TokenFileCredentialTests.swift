import Foundation
import Testing

@testable import KubeClient

/// A token file is cached for the refresh interval, read again at once after `invalidate()`.
@Suite struct TokenFileCredentialTests {
  let scratch: KubeconfigScratch

  init() throws { scratch = try KubeconfigScratch() }

  @Test func rereadAfterInvalidate() async throws {
    let path = try scratch.write("token", "first\n")
    let source = TokenFileCredential(path: path)
    #expect(try await source.current() == .bearer("first"))
    try scratch.write("token", "  second  \n")
    #expect(try await source.current() == .bearer("first"))
    await source.invalidate()
    #expect(try await source.current() == .bearer("second"))
  }

  @Test func rereadOnceTheIntervalHasPassed() async throws {
    let path = try scratch.write("token", "first")
    let clock = ManualClock(Date(timeIntervalSince1970: 1_000))
    let source = TokenFileCredential(path: path, refreshInterval: 60, now: clock.now)
    #expect(try await source.current() == .bearer("first"))
    try scratch.write("token", "second")
    clock.set(Date(timeIntervalSince1970: 1_059))
    #expect(try await source.current() == .bearer("first"))
    clock.set(Date(timeIntervalSince1970: 1_060))
    #expect(try await source.current() == .bearer("second"))
  }

  @Test func aFileThatVanishesKeepsTheLastTokenUntilInvalidated() async throws {
    let path = try scratch.write("token", "kept")
    let clock = ManualClock(Date(timeIntervalSince1970: 0))
    let source = TokenFileCredential(path: path, now: clock.now)
    #expect(try await source.current() == .bearer("kept"))
    try FileManager.default.removeItem(atPath: path)
    clock.set(Date(timeIntervalSince1970: 600))
    #expect(try await source.current() == .bearer("kept"))
    await source.invalidate()
    let error = await #expect(throws: KubeconfigError.self) { try await source.current() }
    #expect(error?.description == "\(path): no such token file")
  }

  @Test func anEmptyFileIsRefused() async throws {
    let path = try scratch.write("token", " \n")
    let error = await #expect(throws: KubeconfigError.self) {
      try await TokenFileCredential(path: path).current()
    }
    #expect(error?.description == "\(path): the token file is empty")
  }
}
