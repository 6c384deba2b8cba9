import Engine
import Scenarios

/// The chart's analysis runs: a bar each, from the run's start to its outcome.
extension Chart {
  /// Each analysis run of the trace: its label, from its start to its outcome (or the end).
  static func analysisBars(_ run: ScenarioRun) -> [(
    name: String, label: String, from: Double, to: Double, phase: AnalysisPhase
  )] {
    var bars: [(name: String, label: String, from: Double, to: Double, phase: AnalysisPhase)] = []
    for entry in run.trace {
      guard case .event(.analysis(let time, _, let name, let phase, _)) = entry.kind else {
        continue
      }
      if phase == .running {
        bars.append((name, name, time, run.end, .running))
      } else if let index = bars.lastIndex(where: { $0.name == name }) {
        bars[index].to = time
        bars[index].phase = phase
      }
    }
    return bars
  }

  static func analysisColor(_ phase: AnalysisPhase) -> String {
    switch phase {
    case .successful: return "#2e7d32"
    case .failed, .error: return "#c62828"
    case .inconclusive: return "#ef6c00"
    case .pending, .running: return "#757575"
    }
  }
}
