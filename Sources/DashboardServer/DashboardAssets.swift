import Strategies

/// The dashboard's files, compiled into the binary (`EmbeddedAssets`, from `Assets/`).
enum DashboardAssets {
  /// The file `name` and its Content-Type, or nil.
  static func file(_ name: String) -> (content: String, type: String)? {
    guard let content = EmbeddedAssets.files[name] else { return nil }
    let type: String
    switch name.split(separator: ".").last {
    case "html": type = "text/html; charset=utf-8"
    case "css": type = "text/css; charset=utf-8"
    case "js": type = "text/javascript; charset=utf-8"
    case "svg": type = "image/svg+xml"
    default: type = "text/plain; charset=utf-8"
    }
    return (content, type)
  }

  /// The strategies the what-if panel offers: the stock ones.
  static var strategies: [String] { StrategySource.stockNames }
}
