#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive `flock` on a file, held until `release()` or deinit.
///
/// `flock` locks belong to the open file description, so a second lock on the same file
/// conflicts whether it comes from another process or from this one through another `open`.
final class StoreLock {
  let path: String
  private var descriptor: Int32

  /// Takes the lock, retrying until `timeout` seconds have passed.
  init(path: String, timeout: Double) throws(StoreError) {
    self.path = path
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
    let start = Self.monotonicSeconds()
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      let failure = errno
      guard failure == EWOULDBLOCK || failure == EINTR else {
        close(descriptor)
        throw .io(path: path, operation: "lock", errno: failure)
      }
      if Self.monotonicSeconds() - start >= timeout {
        close(descriptor)
        throw .locked(path: path)
      }
      usleep(20_000)
    }
  }

  /// Releases the lock (closing the file releases it).
  func release() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  private static func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
