import Foundation

/// `/usr/bin/curl` with the given arguments (and `--cacert` when given): the status code and
/// the body. Only the headers the arguments name are sent.
func curl(_ arguments: [String], caCertificate: String? = nil) throws -> (code: Int, body: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
  process.arguments =
    ["-sS", "--max-time", "30", "-w", "\n%{http_code}"]
    + (caCertificate.map { ["--cacert", $0] } ?? []) + arguments
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let lines = String(decoding: data, as: UTF8.self).split(
    separator: "\n", omittingEmptySubsequences: false)
  return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
}
