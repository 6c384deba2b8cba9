import Engine
import Foundation

/// RFC 3339 timestamps, as kubectl writes them.
enum Timestamp {
  static func now() -> String {
    RFC3339.format(Date().timeIntervalSince1970)
  }
}
