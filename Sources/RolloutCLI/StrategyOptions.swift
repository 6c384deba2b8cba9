import ArgumentParser
import Engine
import Strategies

/// `--strategy` and `--param`, shared by the commands that run a strategy.
struct StrategyOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A stock strategy (\(StrategySource.stockNames.joined(separator: ", "))) or a .lua file.",
      valueName: "name|file.lua"))
  var strategy: String?

  @Option(
    name: .customLong("param"),
    help: ArgumentHelp(
      "A strategy parameter; the value is YAML (repeatable).", valueName: "key=value"))
  var params: [String] = []

  /// `base` with every `--param key=value` set (the value parsed as YAML flow, so
  /// `pauseAt=[25,50]` is a list), or an error naming the bad parameter.
  func params(over base: JSONValue) throws -> JSONValue {
    var merged = base
    for param in params {
      guard let equals = param.firstIndex(of: "="), equals != param.startIndex else {
        throw InputError("--param \(param): expected key=value")
      }
      let key = String(param[..<equals])
      let text = String(param[param.index(after: equals)...])
      do {
        merged[key] = text.isEmpty ? .string("") : try JSONValue(yaml: text)
      } catch {
        throw InputError("--param \(key): the value is not YAML: \(error)")
      }
    }
    return merged
  }
}
