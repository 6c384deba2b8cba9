import ArgumentParser
import Foundation

/// The options that mean the same to every command taking them (the store, the simulator, the
/// output format) and so may come before the subcommand as well as after it, as kubectl's global
/// flags do: `rollout --state /tmp/demo get web` is `rollout get web --state /tmp/demo`.
///
/// ArgumentParser reads options only after the subcommand they belong to, so the command line
/// is normalised first: global options (and their values) found before the subcommand's name
/// move to just after it. Which options are global, and which of them take a value, is read from
/// the option groups' own definitions, not kept as a second list.
enum GlobalOptions {
  /// The option groups whose options are global.
  static let groups: [any ParsableArguments.Type] = [
    StoreOptions.self, SimulationOptions.self, OutputOptions.self,
  ]

  /// Every spelling of a global option (`--state`, `-o`) and whether it takes a value.
  static let spellings: [String: Bool] = {
    var spellings: [String: Bool] = [:]
    for group in groups {
      guard
        let info = try? JSONDecoder().decode(DumpedHelp.self, from: Data(group._dumpHelp().utf8))
      else { continue }
      for argument in info.command.arguments ?? [] where argument.kind != "positional" {
        for name in argument.names ?? [] where name.name != "help" && name.name != "version" {
          let dashes = name.kind == "short" ? "-" : (name.kind == "long" ? "--" : "-")
          spellings[dashes + name.name] = argument.kind == "option"
        }
      }
    }
    return spellings
  }()

  /// `arguments` with the global options given before the subcommand moved to just after it
  /// (after the innermost one, as in `set image`). Without a subcommand (the default `apply`),
  /// nothing moves. Throws when the subcommand gives a moved option a meaning of its own.
  static func normalize(_ arguments: [String], root: any ParsableCommand.Type) throws -> [String] {
    var path: [String] = []
    var moved: [String] = []
    var command = root
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { break }
      let name = String(argument.prefix { $0 != "=" })
      if let takesValue = spellings[name] {
        let length = takesValue && name == argument ? 2 : 1
        moved += arguments[index..<min(index + length, arguments.count)]
        index += length
        continue
      }
      guard
        let subcommand = command.configuration.subcommands.first(where: {
          $0._commandName == argument || $0.configuration.aliases.contains(argument)
        })
      else { break }
      path.append(argument)
      command = subcommand
      index += 1
    }
    guard !path.isEmpty else { return arguments }
    if let shadowing = command as? any ShadowsGlobalOptions.Type {
      for option in moved {
        let name = String(option.prefix { $0 != "=" })
        if let meaning = shadowing.shadowedGlobalOptions[name] {
          throw InputError("\(name) before `\(path.joined(separator: " "))`: \(meaning)")
        }
      }
    }
    return path + moved + arguments[index...]
  }

  /// The `--output` format a command line asks for, read without parsing it (an error found
  /// while parsing is reported in that format too).
  static func outputFormat(in arguments: [String]) -> OutputOptions.Format {
    var format = OutputOptions.Format.text
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { break }
      if argument == "--output" || argument == "-o", index + 1 < arguments.count {
        format = OutputOptions.Format(rawValue: arguments[index + 1]) ?? format
        index += 2
        continue
      }
      for prefix in ["--output=", "-o"] where argument.hasPrefix(prefix) && argument != "-o" {
        format = OutputOptions.Format(rawValue: String(argument.dropFirst(prefix.count))) ?? format
      }
      index += 1
    }
    return format
  }

  /// The part of ArgumentParser's help dump read here.
  private struct DumpedHelp: Decodable {
    struct Command: Decodable { var arguments: [Argument]? }
    struct Argument: Decodable {
      var kind: String
      var names: [Name]?
    }
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var command: Command
  }
}

/// A command where an option that is global elsewhere means something else. Given before the
/// subcommand it is the global option, which this command does not take: an error that says so.
protocol ShadowsGlobalOptions {
  /// The option's spelling (`--state`) and what to do instead.
  static var shadowedGlobalOptions: [String: String] { get }
}
