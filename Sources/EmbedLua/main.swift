// embed-lua OUTPUT STOCK_DIR LIBRARY_DIR HOST_DIR: writes a Swift file holding every `*.lua` in the
// three directories as string literals, so the stock strategies, their shared library and the
// strategy host are compiled into the `rollout` binary and it works from any directory. Run by the
// EmbedLuaPlugin build plugin.

import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 5 else {
  let usage = "usage: embed-lua OUTPUT STOCK_DIR LIBRARY_DIR HOST_DIR\n"
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}

/// The `.lua` files of `directory`, by name without the extension, sorted.
func luaFiles(in directory: String) throws -> [(String, String)] {
  try FileManager.default.contentsOfDirectory(atPath: directory)
    .filter { $0.hasSuffix(".lua") }
    .sorted()
    .map { name in
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      return (String(name.dropLast(4)), text)
    }
}

/// A Swift string literal of `text`: every character that needs it escaped.
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

func dictionary(_ name: String, _ files: [(String, String)]) -> String {
  let entries = files.map { "    \(literal($0.0)): \(literal($0.1))," }.joined(separator: "\n")
  return "  static let \(name): [String: String] = [\n\(entries)\n  ]\n"
}

do {
  let source = """
    // Generated at build time by the EmbedLuaPlugin from strategies/*.lua, strategies/lib/*.lua
    // and Sources/Strategies/Lua/*.lua.

    /// Lua sources compiled into the binary, by file name without `.lua`.
    enum EmbeddedLua {
    \(dictionary("stockStrategies", try luaFiles(in: arguments[2])))
    \(dictionary("library", try luaFiles(in: arguments[3])))
    \(dictionary("host", try luaFiles(in: arguments[4])))}

    """
  try source.write(toFile: arguments[1], atomically: true, encoding: .utf8)
} catch {
  FileHandle.standardError.write(Data("embed-lua: \(error)\n".utf8))
  exit(1)
}
