import Engine

extension FileResult {
  /// The file's block of the summary: every failing case with its expectation, what happened
  /// and the trace around it; passing cases as one line each when `verbose`, else a count.
  func report(verbose: Bool) -> String {
    let failed = cases.filter { !$0.passed }.count
    var text = "\(path) (\(strategy)): \(cases.count - failed) passed, \(failed) failed\n"
    for result in cases {
      if result.passed {
        if verbose { text += "  ok    \(result.name)\n" }
        continue
      }
      text += "  FAIL  \(result.name) (\(result.kind))\n"
      for failure in result.failures {
        text += "        expected  \(failure.expectation)\n"
        text += indented(failure.message, first: "        got       ", rest: 18)
      }
      if !result.context.isEmpty {
        text += result.kind == "scenario" ? "        trace (t=0 is the update):\n" : ""
        for line in result.context { text += "          \(line)\n" }
      }
    }
    return text
  }

  /// One JSON object per case.
  var json: [JSONValue] {
    cases.map { result in
      .object([
        "type": "case", "file": .string(path), "strategy": .string(strategy),
        "name": .string(result.name), "kind": .string(result.kind),
        "passed": .bool(result.passed), "wallSeconds": .double(result.wallSeconds),
        "failures": .array(
          result.failures.map {
            .object(["expected": .string($0.expectation), "got": .string($0.message)])
          }),
      ])
    }
  }

  private func indented(_ message: String, first: String, rest: Int) -> String {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
    var text = ""
    for (index, line) in lines.enumerated() {
      text += (index == 0 ? first : String(repeating: " ", count: rest)) + line + "\n"
    }
    return text
  }
}
