import Engine
import Foundation

/// A command's output in the format `--output` asks for: in `text`, each record's text as it
/// comes; in `jsonl`, each record's object on a line of its own as it comes; in `json`, every
/// object gathered into one document printed by `finish`.
final class RecordPrinter {
  let format: OutputOptions.Format
  private var gathered: [JSONValue] = []

  init(_ format: OutputOptions.Format) { self.format = format }

  /// One record: `text` (printed as is, nothing when nil) or `object`.
  func record(_ text: String?, _ object: @autoclosure () -> JSONValue) {
    switch format {
    case .text: if let text { emit(text) }
    case .jsonl: emit(object().compactJSON + "\n")
    case .json: gathered.append(object())
    }
  }

  /// Text printed only in `text` mode.
  func text(_ text: String) {
    if format == .text { emit(text) }
  }

  /// Ends the output: in `json`, `{"type": type, "items": [...]}` with `fields` added.
  func finish(_ type: String, _ fields: [String: JSONValue] = [:]) {
    guard format == .json else { return }
    var document = fields
    document["type"] = .string(type)
    document["items"] = .array(gathered)
    emit(JSONValue.object(document).compactJSON + "\n")
  }
}

extension JSONValue {
  /// `value` as JSON, with `"type": type` added to it when it encodes as an object.
  init<T: Encodable>(encoding value: T, type: String? = nil) {
    let encoder = JSONEncoder()
    guard let data = try? encoder.encode(value),
      var decoded = try? JSONDecoder().decode(JSONValue.self, from: data)
    else {
      self = .null
      return
    }
    if let type, case .object(var object) = decoded {
      object["type"] = .string(type)
      decoded = .object(object)
    }
    self = decoded
  }
}
