import Testing

@testable import KubeClient

@Suite struct CredentialTests {
  @Test func staticCredentialGivesItsCredentialEveryTime() async throws {
    let source = StaticCredential(.bearer("abc"))
    #expect(try await source.current() == .bearer("abc"))
    await source.invalidate()
    #expect(try await source.current() == .bearer("abc"))
  }
}
