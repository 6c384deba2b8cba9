import Foundation

/// What a kubeconfig field refers to: a file path, resolved against the kubeconfig that
/// holds it, or base64 `-data`. Refusals name the kubeconfig and the field.
enum KubeconfigReferences {
  /// `path` as written in `kubeconfig`: absolute as is, relative against its directory, `~/`
  /// left alone (client-go does not expand it either; it is relative).
  static func resolve(_ path: String, relativeTo kubeconfig: String) -> String {
    if path.hasPrefix("/") { return path }
    let directory = URL(fileURLWithPath: kubeconfig).deletingLastPathComponent()
    return directory.appendingPathComponent(path).standardizedFileURL.path
  }

  /// The bytes of the file `field` names.
  static func read(_ path: String, file: String, field: String?) throws(KubeconfigError)
    -> [UInt8]
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw KubeconfigError(file: file, field: field, message: "no such file \(path)")
    }
    guard !isDirectory.boolValue else {
      throw KubeconfigError(file: file, field: field, message: "\(path) is a directory")
    }
    do {
      return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw KubeconfigError(
        file: file, field: field, message: "cannot read \(path): \(error.localizedDescription)")
    }
  }

  /// Standard base64 (line breaks and spaces ignored, as Go's decoder ignores line breaks).
  static func decode(_ text: String, file: String, field: String) throws(KubeconfigError)
    -> [UInt8]
  {
    let compact = text.filter { !$0.isWhitespace }
    guard let data = Data(base64Encoded: compact), !data.isEmpty || compact.isEmpty else {
      throw KubeconfigError(file: file, field: field, message: "not valid base64")
    }
    return Array(data)
  }

  /// Refuses bytes that hold no PEM block, such as DER or a file name pasted into `-data`.
  static func requirePEM(_ bytes: [UInt8], _ what: String, file: String, field: String)
    throws(KubeconfigError)
  {
    guard String(decoding: bytes, as: UTF8.self).contains("-----BEGIN ") else {
      throw KubeconfigError(
        file: file, field: field, message: "does not hold a PEM \(what) (no -----BEGIN line)")
    }
  }
}
