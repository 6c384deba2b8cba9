import ArgumentParser
import Engine
import Foundation
import Manifests
import Simulator
import Store

/// Where the local store lives.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("state"),
    help: ArgumentHelp(
      "Directory of the local store (default: $ROLLOUT_STATE, else ./.rollout).",
      valueName: "dir"))
  var directory: String?

  /// The store directory this invocation uses.
  var path: String {
    if let directory { return directory }
    return StateStore.defaultDirectory(
      environment: ProcessInfo.processInfo.environment,
      cwd: FileManager.default.currentDirectoryPath)
  }
}

/// How the simulated cluster behaves for pods created by this invocation. Flags not given keep
/// what the store's last invocation used (first time: the defaults).
struct SimulationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Time from pod creation to Ready (default 2s).", valueName: "duration"))
  var readyAfter: String?

  @Option(help: ArgumentHelp("Grace period of a deleted pod (default 0s).", valueName: "duration"))
  var terminateAfter: String?

  @Option(
    help: ArgumentHelp(
      "Random extra time to Ready, uniform in [0, duration), seeded by --seed (default 0s).",
      valueName: "duration"))
  var readyJitter: String?

  @Option(help: "Seed of the simulation's random choices: pod names, jitter (default 0).")
  var seed: UInt64?

  @Option(
    name: .customLong("fault"),
    help: ArgumentHelp(
      "A fault drill for matching images (repeatable): 'GLOB=never-ready', "
        + "'GLOB=crash-after:30s' or 'GLOB=ready-after:10s', e.g. --fault 'web:v3*=never-ready'.",
      valueName: "rule"))
  var faults: [String] = []

  @Option(
    name: .customLong("metric"),
    help: ArgumentHelp(
      "A simulated metric value for matching images (repeatable): 'GLOB:NAME=VALUE', where VALUE "
        + "is a number, NaN, error or empty, e.g. --metric 'example/web:2.*:error-rate=0.08'. "
        + "It answers the analysis metric NAME in place of its provider.",
      valueName: "rule"))
  var metrics: [String] = []

  @Option(
    help: ArgumentHelp(
      "Virtual seconds per wall second (default: as fast as possible; 1 when an analysis asks "
        + "a real metrics server).",
      valueName: "N"))
  var speed: Double?

  /// `base` with the flags given applied, or an error naming the bad flag.
  func settings(over base: SimulationSettings) throws -> SimulationSettings {
    func seconds(_ text: String?, _ flag: String, _ current: Double) throws -> Double {
      guard let text else { return current }
      do {
        return try parseDuration(text)
      } catch {
        throw InputError("--\(flag) \(text): \(error)")
      }
    }
    var settings = base
    settings.readyAfter = try seconds(readyAfter, "ready-after", base.readyAfter)
    settings.terminateAfter = try seconds(terminateAfter, "terminate-after", base.terminateAfter)
    settings.readyJitter = try seconds(readyJitter, "ready-jitter", base.readyJitter)
    settings.seed = seed ?? base.seed
    if !faults.isEmpty {
      settings.imageRules = []
      for fault in faults {
        do {
          settings.imageRules.append(try ImageRule.parse(fault))
        } catch {
          throw InputError("--fault: \(error)")
        }
      }
    }
    if !metrics.isEmpty {
      settings.metricRules = []
      for metric in metrics {
        do {
          settings.metricRules.append(try MetricRule.parse(metric))
        } catch {
          throw InputError("--metric: \(error)")
        }
      }
    }
    if let speed, !(speed > 0) {
      throw InputError("--speed \(speed): must be more than 0 virtual seconds per wall second")
    }
    return settings
  }
}

/// How results are printed.
struct OutputOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case jsonl
    case json
  }

  @Option(
    name: [.customShort("o"), .long],
    help: ArgumentHelp(
      "text (live progress on a terminal, plain lines otherwise), jsonl (one JSON object per line) "
        + "or json (one JSON document)."))
  var output: Format = .text
}

/// `--validate`: what a field the manifest's kind does not have (a typo) does.
struct ValidationOptions: ParsableArguments {
  @Option(
    name: .customLong("validate"),
    help: ArgumentHelp(
      "Unknown fields and rollout.dev/ annotations in the manifest: strict (an error, the "
        + "default), warn (a warning) or ignore.",
      valueName: "strict|warn|ignore"))
  var mode: FieldValidation = .strict

  /// The manifest at `path`, read with this validation; a problem is bad input.
  func load(_ path: String) throws -> LoadedManifest {
    do {
      return try ManifestLoader.load(path: path, validation: mode)
    } catch {
      throw InputError(error)
    }
  }
}

extension FieldValidation: ExpressibleByArgument {}
