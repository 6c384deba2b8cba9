import ArgumentParser
import Engine
import Foundation
import Scenarios
import Strategies

/// `rollout test [paths...]`: runs strategy test files, the `*_test.yaml` beside each strategy.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run strategy tests (*_test.yaml): decisions on snapshots and whole scenarios.",
    discussion: """
      A test file sits beside its strategy (canary_test.yaml next to canary.lua, as Argo CD \
      keeps health_test.yaml next to health.lua); a directory runs every *_test.yaml in it, a \
      file runs that file. The strategy under test is the .lua beside the file by name (else the \
      stock strategy of that name), unless the file says `strategy:`.

        strategy: canary          # optional
        cases:
          - name: setWeight 20 from a full stable       # a decision case
            # a file as `rollout eval --snapshot` takes, or inline:
            snapshot:
              deployment: {replicas: 10, maxSurge: 1, maxUnavailable: 0}
              replicaSets:
                - {name: web-1, revision: 1, replicas: 10, available: 10}
                - {name: web-2, revision: 2, replicas: 0}
              services: [{name: web-active, replicaSet: web-1}]
            stable: web-1         # also: state, now, operator: {promoted: true}
            params: {steps: [{setWeight: 20}]}
            # analysis runs the strategy sees (ctx.analysis), measured Successful unless
            # phases says otherwise; null in values is an Error measurement:
            analysis:
              - {label: step-2, phase: Running,
                 metrics: {error-rate: {values: [0.01, null], phases: [Successful, Error]}}}
            # also: pause: {reason: R, seconds: 60} or {..., untilPromoted: true},
            # message, state (a subset), weight, analyze: [labels], stopAnalysis: [labels],
            # abort: "substring" (or null); or error: "substring"
            expect: {scale: {web-2: 1}, pause: null, complete: false}
          - name: pauses, is promoted, completes        # a scenario case
            scenario:
              manifest: testdata/web.yaml               # v1, rolled out first
              update: {image: {web: example/web:2.0}}   # + replicas: N, or {manifest: file}
              params: {steps: [{setWeight: 20}, {pause: {}}]}
              simulation: {readyAfter: 2s, readyJitter: 1s, seed: 7,
                           faults: ["*:bad=never-ready"],
                           metrics: [{image: "*:2*", name: error-rate, value: 0.01},
                                     {image: "*:3*", name: error-rate,
                                      values: [{at: 0s, value: 0.01}, {at: 2m, value: error}]}]}
              actions:            # at: virtual time since the update
                - {at: 5m, promote: {}}   # or {full: true}
                - {at: 6m, scale: 20}     # abort, retry, pause, resume: {}
                                          # undo: {toRevision: 1}
                                          # setImage: {web: example/web:3}
              promise: {maxPods: 13, minAvailable: 8}   # optional override
              horizon: 24h        # optional: a run that never settles fails
              expect: {phase: Healthy, reason: null, result: complete,
                       revision: 2, images: [example/web:2.0],
                       pauses: [CanaryPauseStep], completeWithin: 30m,
                       peakPodsAtMost: 13, availableNeverBelow: 8,
                       message: "substring", analysis: {step-2: Successful}}

      Every scenario is also checked, unasked, for the strategy's promise (pods never above \
      replicas + maxSurge, available never below replicas - maxUnavailable while the new version \
      is healthy; recreate: replicas pods; blue-green: 2 x replicas pods and replicas available \
      behind the active Service), for valid decisions (none failed or refused unless the case \
      expects Degraded) and for termination (no livelock; it ends or pauses within `horizon`).

      The last line reads `N passed, N failed`. Exit codes: 0 all passed, 1 any failed, 2 a test \
      file or its strategy cannot be used (the file and field are named).
      """)

  @Argument(
    help: ArgumentHelp(
      "Test files, or directories of *_test.yaml files (default: the current directory).",
      valueName: "path"))
  var paths: [String] = []

  @Option(help: ArgumentHelp("Also write a JUnit XML report here.", valueName: "file"))
  var junit: String?

  @Flag(help: "List passing cases too (failures are always shown).") var verbose = false

  @OptionGroup var output: OutputOptions

  func run() throws {
    let files = try TestFiles.find(paths.isEmpty ? ["."] : paths)
    var parsed: [(StrategyTestFile, LoadedStrategy)] = []
    for path in files {
      let file: StrategyTestFile
      do {
        file = try StrategyTestFile.parse(path: path)
      } catch {
        throw InputError(error)
      }
      parsed.append((file, try LoadedStrategy.forTestFile(file)))
    }
    let printer = RecordPrinter(output.output)
    var results: [FileResult] = []
    for (file, strategy) in parsed {
      let result = TestRun.run(file, strategy: strategy)
      printer.text(result.report(verbose: verbose))
      for json in result.json { printer.record(nil, json) }
      results.append(result)
    }
    if let junit {
      do {
        try Data(JUnitReport.xml(results).utf8).write(to: URL(fileURLWithPath: junit))
      } catch {
        throw InputError("--junit \(junit): \(error.localizedDescription)")
      }
    }
    let failed = results.reduce(0) { $0 + $1.cases.filter { !$0.passed }.count }
    let passed = results.reduce(0) { $0 + $1.cases.count } - failed
    printer.record(
      "\(passed) passed, \(failed) failed\n",
      .object(["type": "summary", "passed": .int(passed), "failed": .int(failed)]))
    printer.finish("test", ["passed": .int(passed), "failed": .int(failed)])
    if failed > 0 { throw ExitCode(ExitStatus.failed) }
  }
}

/// Finds test files.
enum TestFiles {
  /// Each path: a directory gives its `*_test.yaml` files (sorted), a file itself.
  static func find(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError("\(path): no such file or directory")
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      let names = try FileManager.default.contentsOfDirectory(atPath: path)
        .filter { $0.hasSuffix("_test.yaml") || $0.hasSuffix("_test.yml") }.sorted()
      if names.isEmpty { throw InputError("\(path): no *_test.yaml files") }
      files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0).relativePath }
    }
    return files
  }
}

/// The strategy a test file or a simulation runs: loaded once, with its short name.
struct LoadedStrategy {
  /// `canary` for canary.lua or the stock canary: picks the stock promise and abort support.
  var name: String
  /// How reports name it: `canary.lua`, `stock canary`.
  var label: String
  var strategy: LuaStrategy

  /// A fresh instance of the strategy: a Lua state of its own.
  func instance() throws -> LuaStrategy {
    try LuaStrategy(source: strategy.source)
  }

  /// `spec` (a stock name or a .lua path) relative to `directory`.
  static func load(_ spec: String, relativeTo directory: URL) throws -> LoadedStrategy {
    let strategy = try StrategyProvider(baseDirectory: directory).strategy(named: spec)
    return LoadedStrategy(
      name: strategy.source.shortName,
      label: strategy.source.stockName.map { "stock \($0)" } ?? strategy.source.displayName,
      strategy: strategy)
  }

  /// The strategy a test file names, else the `.lua` beside it (`canary_test.yaml` →
  /// `canary.lua`), else the stock strategy of that name.
  static func forTestFile(_ file: StrategyTestFile) throws -> LoadedStrategy {
    let url = URL(fileURLWithPath: file.path)
    let directory = url.deletingLastPathComponent()
    var spec = file.strategy
    if spec == nil {
      var base = url.deletingPathExtension().lastPathComponent
      if base.hasSuffix("_test") { base.removeLast("_test".count) }
      let beside = directory.appendingPathComponent("\(base).lua")
      if FileManager.default.fileExists(atPath: beside.path) {
        spec = beside.path
      } else if StrategySource.stock(base) != nil {
        spec = base
      } else {
        throw InputError(
          "\(file.path): strategy: no \(base).lua beside the file and no stock strategy \(base); "
            + "name one with `strategy:`")
      }
    }
    do {
      return try load(spec!, relativeTo: directory)
    } catch {
      throw InputError("\(file.path): strategy: \(error)")
    }
  }
}
