import Foundation

/// `metav1.Time` on the wire: RFC 3339 in UTC, whole seconds.
enum KubeTime {
  static func format(_ seconds: Double) -> String {
    Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(
      Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
  }

  static func parse(_ text: String?) -> Double? {
    guard let text else { return nil }
    if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) {
      return date.timeIntervalSince1970
    }
    let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    return (try? Date(text, strategy: fractional))?.timeIntervalSince1970
  }
}
