import Charts
import Foundation

/// A JUnit XML report of `rollout test`, as CI systems read it: one `<testsuite>` per test
/// file, one `<testcase>` per case, a `<failure>` per failing case.
enum JUnitReport {
  static func xml(_ files: [FileResult]) -> String {
    let tests = files.reduce(0) { $0 + $1.cases.count }
    let failures = files.reduce(0) { $0 + $1.cases.filter { !$0.passed }.count }
    let time = files.reduce(0.0) { $0 + $1.cases.reduce(0.0) { $0 + $1.wallSeconds } }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml +=
      "<testsuites name=\"rollout test\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\(seconds(time))>\n"
    for file in files {
      let failed = file.cases.filter { !$0.passed }.count
      let fileTime = file.cases.reduce(0.0) { $0 + $1.wallSeconds }
      xml +=
        "  <testsuite name=\(attribute(file.path)) tests=\"\(file.cases.count)\" failures=\"\(failed)\" errors=\"0\" time=\(seconds(fileTime))>\n"
      for result in file.cases {
        let open =
          "    <testcase name=\(attribute(result.name)) classname=\(attribute(file.path)) time=\(seconds(result.wallSeconds))"
        guard !result.passed else {
          xml += open + "/>\n"
          continue
        }
        let first = result.failures[0]
        let body =
          (result.failures.map { "expected \($0.expectation)\ngot \($0.message)" }
          + result.context).joined(separator: "\n")
        xml += open + ">\n"
        xml +=
          "      <failure message=\(attribute("expected \(first.expectation): \(first.message)")) type=\"\(result.kind)\">\(XMLText.escape(body))</failure>\n"
        xml += "    </testcase>\n"
      }
      xml += "  </testsuite>\n"
    }
    xml += "</testsuites>\n"
    return xml
  }

  private static func seconds(_ value: Double) -> String {
    "\"" + String(format: "%.3f", value) + "\""
  }

  private static func attribute(_ text: String) -> String {
    "\"" + XMLText.escape(text).replacingOccurrences(of: "\n", with: "&#10;") + "\""
  }
}
