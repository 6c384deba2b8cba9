import Foundation
import Logging

/// How a ``LuaState`` is set up.
public struct LuaConfiguration {
  /// Resource limits for each top-level call; can be changed later through
  /// ``LuaState/limits``.
  public var limits: LuaLimits
  /// Directory whose `.lua` files `require` may load (`a.b` → `root/a/b.lua`), or `nil` for
  /// none. Paths that escape the directory, including through symlinks, are refused.
  public var moduleRoot: URL?
  /// Receives each line the script prints (arguments joined by tabs, like Lua's `print`).
  public var print: (String) -> Void

  /// Creates a configuration. By default `print` logs at `.info` on a `Logger(label: "lua")`.
  public init(
    limits: LuaLimits = LuaLimits(),
    moduleRoot: URL? = nil,
    print: @escaping (String) -> Void = LuaConfiguration.defaultPrint()
  ) {
    self.limits = limits
    self.moduleRoot = moduleRoot
    self.print = print
  }

  /// A print handler that logs each line at `.info` on `Logger(label: "lua")`.
  public static func defaultPrint() -> (String) -> Void {
    let logger = Logger(label: "lua")
    return { line in logger.info("\(line)") }
  }
}
