import Foundation

/// JSON text that keeps a number's kind: an integer is written `3`, a floating-point number
/// always with a fraction or an exponent (`3.0`, `0.5`, `1e+20`), and reading gives back
/// `.int` and `.double` as written.
///
/// Foundation's `JSONEncoder` writes `3.0` as `3` and its `JSONDecoder` reads `3.0` back as an
/// integer, so a strategy's `ctx.state.t = ctx.now + 1` (a Lua float) would come back an
/// integer. Stores and logs that must give back exactly what a strategy wrote use this form:
/// `JSONValue.exactText` and `JSONValue(exactText:)`, and `ExactJSON.encode` for a `Codable`
/// value with `JSONValue` members.
extension JSONValue {
  /// The value as compact JSON with sorted keys, numbers written as their kind.
  ///
  /// - Throws: `ExactJSON.Failure` for a number JSON cannot hold (infinite or NaN).
  public func exactText() throws(ExactJSON.Failure) -> String {
    String(decoding: try exactBytes(), as: UTF8.self)
  }

  /// `exactText()` as UTF-8 bytes, written straight into a byte buffer (the fast path for
  /// large documents: an API server's lists, the store).
  ///
  /// - Parameter sortedKeys: false writes object members in the dictionary's own order: the
  ///   same JSON value, faster, but not byte-for-byte repeatable (for answers, not for hashes).
  public func exactBytes(sortedKeys: Bool = true) throws(ExactJSON.Failure) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    try write(to: &out, sortedKeys: sortedKeys)
    return out
  }

  /// Appends the exact form to `out`.
  public func write(to out: inout [UInt8], sortedKeys: Bool = true) throws(ExactJSON.Failure) {
    switch self {
    case .null: out += [110, 117, 108, 108]
    case .bool(let value): out += value ? Array("true".utf8) : Array("false".utf8)
    case .int(let value): out += String(value).utf8
    case .double(let value):
      guard value.isFinite else { throw ExactJSON.Failure("\(value) is not a JSON number") }
      // Swift's shortest round-trip form: "3.0", "0.5", "1e+20", never a bare integer.
      out += "\(value)".utf8
    case .string(let value): ExactJSON.writeString(value, to: &out)
    case .array(let values):
      out.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        try value.write(to: &out, sortedKeys: sortedKeys)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      if sortedKeys {
        for (index, key) in members.keys.sorted().enumerated() {
          if index > 0 { out.append(UInt8(ascii: ",")) }
          ExactJSON.writeString(key, to: &out)
          out.append(UInt8(ascii: ":"))
          try members[key]!.write(to: &out, sortedKeys: true)
        }
      } else {
        var first = true
        for (key, value) in members {
          if !first { out.append(UInt8(ascii: ",")) }
          first = false
          ExactJSON.writeString(key, to: &out)
          out.append(UInt8(ascii: ":"))
          try value.write(to: &out, sortedKeys: false)
        }
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Reads JSON text, a number with a fraction or an exponent as `.double`, one without as
  /// `.int` (as `.double` when it does not fit).
  public init(exactText text: String) throws(ExactJSON.Failure) {
    var parser = ExactJSONParser(Array(text.utf8))
    self = try parser.document()
  }
}

/// The exact JSON form (see `JSONValue.exactText()`).
public enum ExactJSON {
  /// Text that is not JSON, or a value JSON cannot hold.
  public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
  }

  /// `value` as compact JSON with sorted keys, every `JSONValue` inside it in the exact form.
  ///
  /// `JSONEncoder` writes the typed members; each `JSONValue` member is written by
  /// `exactText()` instead, through a placeholder string that carries a per-call nonce (so no
  /// string of the value can be mistaken for one) and is replaced in the output.
  public static func encode<T: Encodable>(_ value: T) throws -> Data {
    let collector = Collector()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.userInfo[collectorKey] = collector
    var text = String(decoding: try encoder.encode(value), as: UTF8.self)
    if let failure = collector.failure { throw failure }
    for (index, exact) in collector.texts.enumerated().reversed() {
      text = text.replacingOccurrences(of: "\"\(collector.marker)\(index)\"", with: exact)
    }
    return Data(text.utf8)
  }

  static let collectorKey = CodingUserInfoKey(rawValue: "rollout.exactJSON")!

  /// The exact texts of the `JSONValue`s met while encoding one value.
  final class Collector: @unchecked Sendable {
    /// What a placeholder starts with, as `JSONEncoder` writes it: an escaped NUL, a nonce.
    let marker = "\\u0000exact-\(String(UInt64.random(in: .min ... .max), radix: 36))-"
    var texts: [String] = []
    var failure: Failure?

    /// The placeholder string to encode for `value` (its escaped form is `marker` + index).
    func placeholder(for value: JSONValue) -> String {
      do {
        texts.append(try value.exactText())
      } catch {
        failure = failure ?? error
        texts.append("null")
      }
      return "\u{0}" + marker.dropFirst("\\u0000".count) + String(texts.count - 1)
    }
  }

  /// Appends `value` as a JSON string, escaped as `writeString(_:to: inout String)` does.
  static func writeString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += [92, 34]
      case UInt8(ascii: "\\"): out += [92, 92]
      case 0x0A: out += [92, 110]
      case 0x0D: out += [92, 114]
      case 0x09: out += [92, 116]
      case 0x08: out += [92, 98]
      case 0x0C: out += [92, 102]
      case 0..<0x20:
        let hex = String(byte, radix: 16)
        out += "\\u\(String(repeating: "0", count: 4 - hex.count))\(hex)".utf8
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  static func writeString(_ value: String, to out: inout String) {
    out += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

extension JSONValue {
  /// A `Codable` value as JSON, through the exact form (integers stay integers); an empty
  /// object for a value that does not encode.
  public static func encoded<T: Encodable>(_ value: T) -> JSONValue {
    guard let data = try? ExactJSON.encode(value),
      let json = try? JSONValue(exactText: String(decoding: data, as: UTF8.self))
    else { return .object([:]) }
    return json
  }
}
