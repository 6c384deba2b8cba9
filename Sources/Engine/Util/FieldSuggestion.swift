/// The known name a misspelt one was probably meant to be.
public enum FieldSuggestion {
  /// ` (did you mean "replicas"?)` when a known name is close enough to be the intended one.
  public static func suggestion(for name: String, among known: [String]) -> String {
    let ranked = known.map {
      (name: $0, distance: editDistance(name.lowercased(), $0.lowercased()))
    }
    .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
    guard let best = ranked.first, best.distance <= max(2, name.count / 3) else { return "" }
    return " (did you mean \"\(best.name)\"?)"
  }

  /// Levenshtein distance: the fewest single-character insertions, deletions and
  /// substitutions that turn `a` into `b`.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      previous = current
    }
    return previous[b.count]
  }
}
