import Testing

@testable import KubeClient

@Suite struct WorkQueueTests {
  @Test func aKeyWaitsOnceHoweverOftenItIsAdded() async {
    let queue = WorkQueue<String>()
    await queue.add("a")
    await queue.add("b")
    await queue.add("a")
    #expect(await queue.depth == 2)
    #expect(await queue.next() == "a")
    #expect(await queue.next() == "b")
  }

  @Test func aKeyAddedWhileWorkedOnComesBackWhenDone() async {
    let queue = WorkQueue<String>()
    await queue.add("a")
    let key = await queue.next()
    #expect(key == "a")
    await queue.add("a")
    #expect(await queue.depth == 0, "not handed out twice at once")
    await queue.done("a")
    #expect(await queue.depth == 1)
    #expect(await queue.next() == "a")
  }

  /// client-go's default per-item limiter: 5 ms doubling, capped.
  @Test(arguments: [(0, 5), (1, 10), (2, 20), (5, 160), (10, 5120), (40, 300_000)])
  func backoffDoublesUpToTheCap(failures: Int, milliseconds: Int) async {
    let queue = WorkQueue<String>()
    #expect(await queue.backoff(failures: failures) == .milliseconds(milliseconds))
  }

  @Test func forgetStartsTheBackoffAgain() async {
    let queue = WorkQueue<String>(baseDelay: .milliseconds(1), maxDelay: .milliseconds(10))
    await queue.addRateLimited("a")
    await queue.addRateLimited("a")
    #expect(await queue.failureCount("a") == 2)
    await queue.forget("a")
    #expect(await queue.failureCount("a") == 0)
    #expect(await queue.next() == "a")
  }

  @Test func shutDownWakesWaitingWorkers() async {
    let queue = WorkQueue<String>()
    let waiting = Task { await queue.next() }
    try? await Task.sleep(for: .milliseconds(20))
    await queue.shutDown()
    #expect(await waiting.value == nil)
  }
}
