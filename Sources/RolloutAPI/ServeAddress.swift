import Foundation

/// The address of the `rollout serve` holding a store, kept in the store while it runs, so the
/// other commands can say where the store went instead of only that it is locked.
public enum ServeAddress {
  static func path(_ directory: String) -> String { directory + "/serve/address" }

  public static func write(_ address: String, directory: String) throws {
    try FileManager.default.createDirectory(
      atPath: directory + "/serve", withIntermediateDirectories: true)
    try Data((address + "\n").utf8).write(
      to: URL(fileURLWithPath: path(directory)), options: .atomic)
  }

  public static func read(directory: String) -> String? {
    guard let text = try? String(contentsOfFile: path(directory), encoding: .utf8) else {
      return nil
    }
    let address = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return address.isEmpty ? nil : address
  }

  public static func remove(directory: String) {
    try? FileManager.default.removeItem(atPath: path(directory))
  }
}
