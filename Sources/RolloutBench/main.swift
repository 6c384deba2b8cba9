// rollout-bench: `rollout-bench <suite>` runs one suite, no argument runs them all.
// To add a suite, add a file defining `extension BenchSuite { static let name = ... }` and
// list it below.

import Foundation

let suites: [BenchSuite] = [
  // fleet before scale: its RSS figure needs a heap the 100,000-pod simulation has not grown.
  .bridge, .decision, .fleet, .scale, .cli, .store, .serve, .controller, .analysis, .dashboard,
]

let requested = CommandLine.arguments.dropFirst().first
let selected = requested.map { name in suites.filter { $0.name == name } } ?? suites
if selected.isEmpty {
  print(
    "unknown suite '\(requested ?? "")'; available: \(suites.map(\.name).joined(separator: ", "))")
  exit(2)
}
for suite in selected {
  print("== \(suite.name)")
  do {
    try suite.run()
  } catch {
    print("suite \(suite.name) failed: \(error)")
    exit(1)
  }
}
