import Foundation

/// A temporary directory for kubeconfig tests' files, removed when the last reference goes.
final class KubeconfigScratch: Sendable {
  let directory: String

  init() throws {
    directory =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("kubeclient-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// The absolute path of `name` inside the directory.
  func path(_ name: String) -> String { directory + "/" + name }

  /// Writes `text` to `name` (creating folders), returning its absolute path.
  @discardableResult
  func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
    let path = path(name)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    if executable {
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }
    return path
  }

  /// A `/bin/sh` script named `name`.
  func script(_ name: String, _ body: String) throws -> String {
    try write(name, "#!/bin/sh\n" + body + "\n", executable: true)
  }
}

/// A PEM-shaped certificate: enough for the loader, which checks only that a PEM block is there.
let fixtureCertificatePEM = "-----BEGIN CERTIFICATE-----\nMIIBsample\n-----END CERTIFICATE-----\n"
let fixtureKeyPEM = "-----BEGIN PRIVATE KEY-----\nMIIEkey\n-----END PRIVATE KEY-----\n"

func base64Text(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var time: Date

  init(_ time: Date) { self.time = time }

  func set(_ time: Date) {
    lock.lock()
    self.time = time
    lock.unlock()
  }

  var now: @Sendable () -> Date {
    { [self] in
      lock.lock()
      defer { lock.unlock() }
      return time
    }
  }
}
