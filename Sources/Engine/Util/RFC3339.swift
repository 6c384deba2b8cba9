/// RFC 3339 timestamps as the Kubernetes API writes them (`2026-11-29T20:15:00Z`: whole
/// seconds, UTC; `MicroTime` with six fraction digits), converted to and from seconds since the
/// Unix epoch with calendar arithmetic only: no formatter, no locale, no time zone database,
/// cheap enough for every row of a 10,000-pod table.
public enum RFC3339 {
  /// `2026-11-29T20:15:00Z` for a time in seconds since the epoch, the fraction dropped
  /// (rounded down, as Kubernetes truncates `metav1.Time`).
  public static func format(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded(.down))
    return dateAndTime(whole) + "Z"
  }

  /// `2026-11-29T20:15:00.123456Z`, the form of `metav1.MicroTime` (an Event's `eventTime`).
  public static func formatMicro(_ seconds: Double) -> String {
    let micros = Int((seconds * 1_000_000).rounded(.down))
    let whole = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
    let fraction = String(micros - whole * 1_000_000)
    return dateAndTime(whole) + "." + String(repeating: "0", count: 6 - fraction.count)
      + fraction + "Z"
  }

  /// Seconds since the epoch of an RFC 3339 timestamp (`Z` or a `±hh:mm` offset, an optional
  /// fraction kept), or nil when the text is not one or names a day that does not exist.
  public static func parse(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var reader = Reader(bytes)
    guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2),
      reader.skip("-"), let day = reader.digits(2), reader.skip("T"),
      let hour = reader.digits(2), reader.skip(":"), let minute = reader.digits(2),
      reader.skip(":"), let second = reader.digits(2),
      (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
      hour < 24, minute < 60, second < 60
    else { return nil }
    var fraction = 0.0
    if reader.skip(".") {
      var scale = 0.1
      var any = false
      while let digit = reader.digit() {
        fraction += Double(digit) * scale
        scale /= 10
        any = true
      }
      guard any else { return nil }
    }
    var offset = 0
    if !reader.skip("Z") {
      let sign: Int
      if reader.skip("+") {
        sign = 1
      } else if reader.skip("-") {
        sign = -1
      } else {
        return nil
      }
      guard let hours = reader.digits(2), reader.skip(":"), let minutes = reader.digits(2),
        hours < 24, minutes < 60
      else { return nil }
      offset = sign * (hours * 3600 + minutes * 60)
    }
    guard reader.atEnd else { return nil }
    let days = daysSinceEpoch(year: year, month: month, day: day)
    let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offset
    return Double(whole) + fraction
  }

  private static func dateAndTime(_ seconds: Int) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let inDay = seconds - days * 86_400
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(inDay / 3600, 2)
      + ":" + pad(inDay / 60 % 60, 2) + ":" + pad(inDay % 60, 2)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `days` after 1970-01-01.
  static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// A cursor over the bytes of a timestamp.
  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
      index += 1
      return true
    }

    mutating func digit() -> Int? {
      guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
      else { return nil }
      index += 1
      return Int(bytes[index - 1] - UInt8(ascii: "0"))
    }

    mutating func digits(_ count: Int) -> Int? {
      var value = 0
      for _ in 0..<count {
        guard let digit = digit() else { return nil }
        value = value * 10 + digit
      }
      return value
    }
  }
}
