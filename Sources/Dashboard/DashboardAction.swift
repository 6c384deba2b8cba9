import Engine

/// The dashboard's action verbs and the operator actions they are: the same actions as the CLI
/// verbs `rollout promote`, `promote --full`, `abort`, `retry`, `pause`, `resume`, `undo` and
/// `restart`.
public enum DashboardAction {
  /// Every verb, in the order the page shows them, with its button label.
  public static let verbs: [(verb: String, label: String)] = [
    ("promote", "Promote"), ("promote-full", "Promote full"), ("abort", "Abort"),
    ("retry", "Retry"), ("pause", "Pause"), ("resume", "Resume"), ("undo", "Undo"),
    ("restart", "Restart"),
  ]

  /// The operator action `verb` asks for; `revision` is undo's target (0 or nil: the previous
  /// revision) and `now` restart's stamp (RFC 3339). A verb it does not know is a 400.
  public static func action(verb: String, revision: Int?, now: String) throws(DashboardRefusal)
    -> OperatorAction
  {
    switch verb {
    case "promote": return .promote(full: false)
    case "promote-full": return .promote(full: true)
    case "abort": return .abort
    case "retry": return .retry
    case "pause": return .pause
    case "resume": return .resume
    case "undo":
      guard (revision ?? 0) >= 0 else {
        throw DashboardRefusal(400, "revision must be a revision number, got \(revision ?? 0)")
      }
      return .undo(toRevision: revision ?? 0)
    case "restart": return .restart(at: now)
    default:
      let known = verbs.map(\.verb).joined(separator: ", ")
      throw DashboardRefusal(400, "unknown action \"\(verb)\" (known: \(known))")
    }
  }

  /// Whether `verb` applies to `deployment` now, for the page's buttons; the operator path
  /// still decides (and says why when it refuses).
  static func allowed(_ verb: String, _ deployment: Deployment, revisions: Int) -> Bool {
    let state = RolloutState.read(from: deployment)
    let paused = deployment.spec.paused ?? false
    let rollingOut = !state.finished && state.phase != .healthy
    switch verb {
    case "promote": return state.phase == .paused || state.pause != nil
    case "promote-full": return rollingOut && !state.aborted
    case "abort": return rollingOut && !state.aborted
    case "retry": return state.aborted || state.phase == .degraded
    case "pause": return !paused
    case "resume": return paused
    case "undo": return revisions > 1
    default: return true
    }
  }
}
