// embed-assets OUTPUT DIR: writes a Swift file holding every file of DIR (the dashboard's HTML,
// CSS and JavaScript) as a string literal by file name, so the `rollout` binary serves its pages
// from any directory. Run by the EmbedAssetsPlugin build plugin.

import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: embed-assets OUTPUT DIR\n".utf8))
  exit(2)
}

/// A Swift string literal of `text`: every scalar that needs it escaped.
func literal(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

do {
  let directory = arguments[2]
  let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    .filter { !$0.hasPrefix(".") }
    .sorted()
  let entries = try names.map { name in
    let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    return "    \(literal(name)): \(literal(text)),"
  }
  let source = """
    // Generated at build time by the EmbedAssetsPlugin from Sources/DashboardServer/Assets.

    /// The dashboard's files compiled into the binary, by file name.
    enum EmbeddedAssets {
      static let files: [String: String] = [
    \(entries.isEmpty ? "    :" : entries.joined(separator: "\n"))
      ]
    }

    """
  try source.write(toFile: arguments[1], atomically: true, encoding: .utf8)
} catch {
  FileHandle.standardError.write(Data("embed-assets: \(error)\n".utf8))
  exit(1)
}
