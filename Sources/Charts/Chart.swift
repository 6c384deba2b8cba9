import Engine
import Foundation
import Scenarios

/// `rollout simulate --chart`: the rollout as a hand-written SVG. Pods per ReplicaSet are
/// stacked areas over virtual time (oldest revision at the bottom), available pods a thick line
/// over them, `replicas` a dashed line; pauses are shaded bands with their reason, operator
/// actions vertical markers with their name, analysis runs bars along the bottom coloured by
/// their outcome.
public enum Chart {
  static let width = 1020.0
  static let height = 480.0
  static let left = 56.0
  static let right = 270.0
  static let top = 64.0
  static let bottom = 48.0
  static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2"]

  /// The chart of one run.
  public static func svg(_ run: ScenarioRun, title: String) -> String {
    svg([(label: nil, run: run)], title: title)
  }

  /// The runs as panels one above the other (`simulate --compare`), on the same time and pod
  /// scales so they compare at a glance, each labelled with its strategy and with its own legend.
  public static func svg(_ runs: [(label: String?, run: ScenarioRun)], title: String)
    -> String
  {
    let prepared = runs.map {
      (label: $0.label, run: $0.run, points: lastPerInstant($0.run.samples))
    }
    let duration =
      prepared.map { entry in
        max(
          entry.run.end - entry.run.start, entry.points.last.map { $0.time - entry.run.start } ?? 0,
          1)
      }.max() ?? 1
    let peak = max(
      prepared.flatMap { $0.points.map { max($0.pods, $0.replicas) } }.max() ?? 1, 1)
    let yTicks = ticks(upTo: Double(peak), count: 5)
    let xTicks = ticks(upTo: duration, count: 8)
    let scale = Scale(
      xMax: max(xTicks.last ?? duration, duration), yMax: max(yTicks.last ?? 1, Double(peak)))
    let panelHeight = height - top - bottom
    let totalHeight = top + Double(prepared.count) * (panelHeight + bottom)
    let subtitle =
      prepared.count > 1
      ? "one panel per strategy, same scales: pods per ReplicaSet (stacked) and available pods"
      : "pods per ReplicaSet (stacked) and available pods over virtual time"
    var svg = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(totalHeight))" \
      viewBox="0 0 \(Int(width)) \(Int(totalHeight))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(left)" y="24" font-size="15" font-weight="bold">\(XMLText.escape(title))</text>
      <text x="\(left)" y="42" fill="#555">\(subtitle)</text>

      """
    for (index, entry) in prepared.enumerated() {
      let panelTop = top + Double(index) * (panelHeight + bottom)
      svg += panel(
        entry.run, points: entry.points, label: entry.label, top: panelTop, scale: scale,
        xTicks: xTicks, yTicks: yTicks)
    }
    svg += "</svg>\n"
    return svg
  }

  /// The time and pod ranges every panel shares.
  struct Scale {
    var xMax: Double
    var yMax: Double
  }

  /// One run's plot, its axes and legend, with its plot area starting at `panelTop`.
  private static func panel(
    _ run: ScenarioRun, points: [ScenarioSample], label: String?, top panelTop: Double,
    scale: Scale, xTicks: [Double], yTicks: [Double]
  ) -> String {
    let columns = replicaSetColumns(run)
    let plotWidth = width - left - right
    let plotHeight = height - Self.top - bottom
    let top = panelTop
    func x(_ time: Double) -> Double { left + (time - run.start) / scale.xMax * plotWidth }
    func y(_ pods: Double) -> Double { top + plotHeight - pods / scale.yMax * plotHeight }

    var svg = ""
    if let label {
      svg += """
        <g class="panel" data-strategy="\(XMLText.escape(label))">
        <text x="\(f(left + plotWidth))" y="\(f(top - 6))" text-anchor="end" font-weight="bold">\(XMLText.escape(label))</text>

        """
    }
    // Pauses first, under everything.
    for band in pauses(points, end: run.end) {
      svg += """
        <g class="pause"><rect x="\(f(x(band.from)))" y="\(f(top))" width="\(f(max(1, x(band.to) - x(band.from))))" \
        height="\(f(plotHeight))" fill="#9e9e9e" fill-opacity="0.18"/>
        <text x="\(f(x(band.from) + 4))" y="\(f(top + 14))" fill="#616161" font-size="11">paused: \(XMLText.escape(band.reason))</text></g>

        """
    }
    // Grid and axes.
    for tick in yTicks {
      svg += """
        <line x1="\(f(left))" y1="\(f(y(tick)))" x2="\(f(left + plotWidth))" y2="\(f(y(tick)))" stroke="#e0e0e0"/>
        <text x="\(f(left - 8))" y="\(f(y(tick) + 4))" text-anchor="end" fill="#424242">\(Int(tick))</text>

        """
    }
    for tick in xTicks {
      svg += """
        <line x1="\(f(x(run.start + tick)))" y1="\(f(top + plotHeight))" x2="\(f(x(run.start + tick)))" y2="\(f(top + plotHeight + 5))" stroke="#424242"/>
        <text x="\(f(x(run.start + tick)))" y="\(f(top + plotHeight + 20))" text-anchor="middle" fill="#424242">\(formatDuration(tick))</text>

        """
    }
    svg += """
      <line x1="\(f(left))" y1="\(f(top + plotHeight))" x2="\(f(left + plotWidth))" y2="\(f(top + plotHeight))" stroke="#424242"/>
      <line x1="\(f(left))" y1="\(f(top))" x2="\(f(left))" y2="\(f(top + plotHeight))" stroke="#424242"/>
      <text x="\(f(left + plotWidth / 2))" y="\(f(top + plotHeight + bottom - 8))" text-anchor="middle" fill="#424242">virtual time since the update</text>
      <text transform="translate(16 \(f(top + plotHeight / 2))) rotate(-90)" text-anchor="middle" fill="#424242">pods</text>

      """
    // Stacked areas, oldest revision at the bottom.
    var below = Array(repeating: 0.0, count: points.count)
    for (index, column) in columns.enumerated() {
      let pods = points.map { sample in
        Double(
          sample.replicaSets.first { $0.name == column.name }.map { $0.current + $0.terminating }
            ?? 0)
      }
      let above = zip(below, pods).map(+)
      let upper = stepPoints(points.map(\.time), above, end: run.end).map { (x($0.0), y($0.1)) }
      let lower = stepPoints(points.map(\.time), below, end: run.end).map { (x($0.0), y($0.1)) }
      let outline = (upper + lower.reversed()).map { "\(f($0.0)),\(f($0.1))" }.joined(
        separator: " ")
      let color = palette[index % palette.count]
      svg += """
        <g class="series" data-replicaset="\(XMLText.escape(column.name))">\
        <polygon points="\(outline)" fill="\(color)" fill-opacity="0.55" stroke="\(color)" stroke-width="1"/></g>

        """
      below = above
    }
    // Replicas (dashed) and available pods (thick).
    let times = points.map(\.time)
    svg += polyline(
      stepPoints(times, points.map { Double($0.replicas) }, end: run.end), x: x, y: y,
      attributes:
        "class=\"replicas\" stroke=\"#212121\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"")
    svg += polyline(
      stepPoints(times, points.map { Double($0.available) }, end: run.end), x: x, y: y,
      attributes: "class=\"available\" stroke=\"#1b5e20\" stroke-width=\"2.6\"")
    // Operator actions; a label close to the one before goes lower, inside the plot.
    var lastLabel = -Double.infinity
    var lowered = false
    for entry in run.trace {
      let label: String
      switch entry.kind {
      case .action(let action): label = action.description
      case .refused(let action, _): label = "\(action) (refused)"
      default: continue
      }
      lowered = x(entry.time) - lastLabel < 120 ? !lowered : false
      lastLabel = x(entry.time)
      let labelY = lowered ? top + 30 : top - 9
      svg += """
        <g class="action"><line x1="\(f(x(entry.time)))" y1="\(f(top - 6))" x2="\(f(x(entry.time)))" y2="\(f(top + plotHeight))" \
        stroke="#c62828" stroke-width="1.5" stroke-dasharray="3 3"/>
        <text x="\(f(x(entry.time) + 3))" y="\(f(labelY))" fill="#c62828" font-size="11">\(XMLText.escape(label))</text></g>

        """
    }
    // Analysis runs: a bar each along the bottom of the plot, from start to outcome.
    for (row, bar) in analysisBars(run).enumerated() {
      let barY = top + plotHeight - 14 - Double(row) * 16
      let color = analysisColor(bar.phase)
      svg += """
        <g class="analysis" data-run="\(XMLText.escape(bar.name))" data-phase="\(bar.phase.rawValue)">\
        <rect x="\(f(x(bar.from)))" y="\(f(barY))" width="\(f(max(2, x(bar.to) - x(bar.from))))" height="10" \
        fill="\(color)" fill-opacity="0.8"/>
        <text x="\(f(x(bar.from) + 3))" y="\(f(barY - 2))" fill="\(color)" font-size="10">\
        analysis \(XMLText.escape(bar.label)): \(bar.phase.rawValue)</text></g>

        """
    }
    svg += legend(columns, top: top)
    if label != nil { svg += "</g>\n" }
    return svg
  }

  private static func legend(_ columns: [(name: String, title: String)], top: Double) -> String {
    let x0 = width - right + 18
    var svg = ""
    var row = top
    for (index, column) in columns.enumerated() {
      let color = palette[index % palette.count]
      svg += """
        <rect x="\(f(x0))" y="\(f(row - 9))" width="14" height="10" fill="\(color)" fill-opacity="0.55" stroke="\(color)"/>
        <text x="\(f(x0 + 20))" y="\(f(row))">\(XMLText.escape(column.title)) pods</text>

        """
      row += 18
    }
    svg += """
      <line x1="\(f(x0))" y1="\(f(row - 4))" x2="\(f(x0 + 14))" y2="\(f(row - 4))" stroke="#1b5e20" stroke-width="2.6"/>
      <text x="\(f(x0 + 20))" y="\(f(row))">available pods</text>
      <line x1="\(f(x0))" y1="\(f(row + 14))" x2="\(f(x0 + 14))" y2="\(f(row + 14))" stroke="#212121" stroke-dasharray="6 4"/>
      <text x="\(f(x0 + 20))" y="\(f(row + 18))">replicas</text>
      <rect x="\(f(x0))" y="\(f(row + 27))" width="14" height="10" fill="#9e9e9e" fill-opacity="0.3"/>
      <text x="\(f(x0 + 20))" y="\(f(row + 36))">paused</text>
      <line x1="\(f(x0 + 7))" y1="\(f(row + 44))" x2="\(f(x0 + 7))" y2="\(f(row + 56))" stroke="#c62828" stroke-width="1.5" stroke-dasharray="3 3"/>
      <text x="\(f(x0 + 20))" y="\(f(row + 54))">operator action</text>
      <rect x="\(f(x0))" y="\(f(row + 63))" width="14" height="10" fill="#2e7d32" fill-opacity="0.8"/>
      <text x="\(f(x0 + 20))" y="\(f(row + 72))">analysis run (green passed, red failed)</text>

      """
    return svg
  }

  private static func polyline(
    _ points: [(Double, Double)], x: (Double) -> Double, y: (Double) -> Double, attributes: String
  ) -> String {
    let list = points.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
    return "<polyline points=\"\(list)\" fill=\"none\" \(attributes)/>\n"
  }

  /// The samples, one per instant (the last: what the instant settled to).
  static func lastPerInstant(_ samples: [ScenarioSample]) -> [ScenarioSample] {
    var result: [ScenarioSample] = []
    for sample in samples {
      if let last = result.last, last.time == sample.time {
        result[result.count - 1] = sample
      } else {
        result.append(sample)
      }
    }
    return result
  }

  /// A step function through `(times[i], values[i])` held until `end`.
  static func stepPoints(_ times: [Double], _ values: [Double], end: Double) -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    for index in times.indices {
      let until = index + 1 < times.count ? times[index + 1] : max(end, times[index])
      points.append((times[index], values[index]))
      points.append((until, values[index]))
    }
    return points
  }

  /// Contiguous stretches of paused samples, with the reason they began with.
  static func pauses(_ samples: [ScenarioSample], end: Double) -> [(
    from: Double, to: Double, reason: String
  )] {
    var bands: [(from: Double, to: Double, reason: String)] = []
    var open: (Double, String)?
    for sample in samples {
      if sample.paused, open == nil { open = (sample.time, sample.reason ?? "paused") }
      if !sample.paused, let (from, reason) = open {
        bands.append((from, sample.time, reason))
        open = nil
      }
    }
    if let (from, reason) = open { bands.append((from, end, reason)) }
    return bands
  }

  /// Round tick values from 0 covering `limit`: steps of 1, 2 or 5 × 10ⁿ (times: also 15s, 30s,
  /// whole minutes and hours).
  static func ticks(upTo limit: Double, count: Int) -> [Double] {
    let raw = max(limit, 1) / Double(count)
    let candidates = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600]
    var step = candidates.first { Double($0) >= raw }.map(Double.init) ?? raw
    if step > 21600 {
      let magnitude = pow(10, floor(log10(raw)))
      step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    }
    var values: [Double] = []
    var value = 0.0
    while value <= limit + step * 0.001 {
      values.append(value)
      value += step
    }
    if let last = values.last, last < limit { values.append(last + step) }
    return values
  }

  private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

  /// The ReplicaSets a run saw, oldest revision first, with their legend titles (`web-6c9d (r1)`).
  public static func replicaSetColumns(_ run: ScenarioRun) -> [(name: String, title: String)] {
    var seen: [String: Int] = [:]
    for sample in run.samples {
      for rs in sample.replicaSets { seen[rs.name] = rs.revision }
    }
    return seen.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map {
      (name: $0.key, title: "\($0.key) (r\($0.value))")
    }
  }
}
