import Engine
import Foundation

/// A request path under `/dashboard/`, as the dashboard understands it.
enum DashboardRoute: Equatable {
  /// `/dashboard`: redirected to `/dashboard/`.
  case bare
  /// A page: `/dashboard/` or `/dashboard/rollouts/NS/NAME` (both the single-page app).
  case page
  /// A file: `/dashboard/app.js`.
  case asset(String)
  case info
  case list
  case detail(ObjectKey)
  case chart(ObjectKey)
  case action(ObjectKey)
  case whatIf(ObjectKey)
  case events
  case notFound

  static let prefix = "/dashboard"

  /// The route of `path` (percent-encoded), or nil when it is not under `/dashboard`.
  init?(path: String) {
    guard path == Self.prefix || path.hasPrefix(Self.prefix + "/") else { return nil }
    let rest = path.dropFirst(Self.prefix.count)
    guard !rest.isEmpty else {
      self = .bare
      return
    }
    let raw = rest.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    let parts = raw.map { String($0).removingPercentEncoding ?? String($0) }
    switch parts.count {
    case 1 where parts[0].isEmpty: self = .page
    case 1 where !parts[0].isEmpty: self = .asset(parts[0])
    case 2 where parts == ["api", "info"]: self = .info
    case 2 where parts == ["api", "rollouts"]: self = .list
    case 2 where parts == ["api", "events"]: self = .events
    case 3 where parts[0] == "rollouts": self = .page
    case 4 where parts[0] == "api" && parts[1] == "rollouts":
      self = .detail(ObjectKey(parts[2], parts[3]))
    case 5 where parts[0] == "api" && parts[1] == "rollouts":
      let key = ObjectKey(parts[2], parts[3])
      switch parts[4] {
      case "chart.svg": self = .chart(key)
      case "actions": self = .action(key)
      case "whatif": self = .whatIf(key)
      default: self = .notFound
      }
    default: self = .notFound
    }
  }
}
