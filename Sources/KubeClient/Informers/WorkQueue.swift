/// A rate-limited work queue of keys, as Kubernetes controllers use one:
/// - a key waits in the queue at most once, however often it is added;
/// - a key being worked on is not handed to another worker; added meanwhile, it comes back
///   once `done` is called;
/// - `addRateLimited` waits longer each time the same key fails (exponential, per key, from
///   `baseDelay` to `maxDelay`) until `forget` says it succeeded.
public actor WorkQueue<Key: Hashable & Sendable> {
  private var queue: [Key] = []
  private var dirty: Set<Key> = []
  private var processing: Set<Key> = []
  private var failures: [Key: Int] = [:]
  private var delayed: [Key: ContinuousClock.Instant] = [:]
  private var waiters: [CheckedContinuation<Key?, Never>] = []
  private var isShutDown = false
  public let baseDelay: Duration
  public let maxDelay: Duration

  public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(300)) {
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
  }

  /// Keys waiting (not those being worked on).
  public var depth: Int { queue.count }

  public func add(_ key: Key) {
    guard !isShutDown, !dirty.contains(key) else { return }
    dirty.insert(key)
    guard !processing.contains(key) else { return }
    if !waiters.isEmpty {
      dirty.remove(key)
      processing.insert(key)
      waiters.removeFirst().resume(returning: key)
    } else {
      queue.append(key)
    }
  }

  /// Adds `key` after `delay`; of several delayed adds of one key the earliest wins.
  public func add(_ key: Key, after delay: Duration) {
    guard delay > .zero else { return add(key) }
    let when = ContinuousClock.now + delay
    if let pending = delayed[key], pending <= when { return }
    delayed[key] = when
    Task { [weak self] in
      try? await Task.sleep(until: when, clock: .continuous)
      await self?.fireDelayed(key, when: when)
    }
  }

  private func fireDelayed(_ key: Key, when: ContinuousClock.Instant) {
    guard delayed[key] == when else { return }
    delayed[key] = nil
    add(key)
  }

  /// Adds `key` after its back-off: `baseDelay × 2^(failures)`, at most `maxDelay`.
  public func addRateLimited(_ key: Key) {
    let count = failures[key, default: 0]
    failures[key] = count + 1
    add(key, after: backoff(failures: count))
  }

  /// The delay after `failures` earlier failures.
  public func backoff(failures: Int) -> Duration {
    let factor = 1 << min(failures, 30)
    let delay = baseDelay * factor
    return delay > maxDelay ? maxDelay : delay
  }

  /// How many times `key` has failed since it was last forgotten.
  public func failureCount(_ key: Key) -> Int { failures[key, default: 0] }

  /// `key` succeeded: its next failure starts the back-off again.
  public func forget(_ key: Key) { failures[key] = nil }

  /// The next key to work on; nil once the queue is shut down.
  public func next() async -> Key? {
    if isShutDown { return nil }
    if !queue.isEmpty {
      let key = queue.removeFirst()
      dirty.remove(key)
      processing.insert(key)
      return key
    }
    return await withCheckedContinuation { waiters.append($0) }
  }

  /// Work on `key` is over; if it was added meanwhile, it is queued again.
  public func done(_ key: Key) {
    processing.remove(key)
    if dirty.contains(key) {
      dirty.remove(key)
      add(key)
    }
  }

  /// Wakes every waiting worker with nil; adds are ignored from now on.
  public func shutDown() {
    isShutDown = true
    for waiter in waiters { waiter.resume(returning: nil) }
    waiters.removeAll()
  }
}
