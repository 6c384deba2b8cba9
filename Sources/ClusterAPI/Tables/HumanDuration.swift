/// kubectl's AGE text (apimachinery's `duration.HumanDuration`): two or three significant
/// figures, `45s`, `3m10s`, `70m`, `2d1h`, `367d`, `2y1d`. A time up to 2 s in the future is
/// `0s` (clocks drift); further is `<invalid>`.
public enum HumanDuration {
  /// The text for a duration in seconds.
  public static func string(seconds: Double) -> String {
    let limit = Double(Int64.max) / 1e9
    let clamped = min(max(seconds, -limit), limit)
    return string(nanoseconds: Int64((clamped * 1e9).rounded()))
  }

  /// The text for a duration in nanoseconds (Go's `time.Duration`).
  static func string(nanoseconds duration: Int64) -> String {
    let second: Int64 = 1_000_000_000
    let seconds = duration / second
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = duration / (60 * second)
    if minutes < 10 {
      let rest = seconds % 60
      return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s"
    }
    if minutes < 180 { return "\(minutes)m" }
    let hours = duration / (3600 * second)
    if hours < 8 {
      let rest = minutes % 60
      return rest == 0 ? "\(hours)h" : "\(hours)h\(rest)m"
    }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 {
      let rest = hours % 24
      return rest == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(rest)h"
    }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    if hours < 24 * 365 * 8 {
      let rest = hours / 24 % 365
      return rest == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(rest)d"
    }
    return "\(hours / 24 / 365)y"
  }
}
