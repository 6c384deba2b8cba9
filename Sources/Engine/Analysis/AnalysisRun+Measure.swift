/// Argo Rollouts' rules for taking measurements and assessing them (analysis/analysis.go):
/// when each metric is due, how a measurement counts, and when a metric and the run complete.
extension AnalysisRun {
  /// A failed measurement is retried after this long when the metric has no interval.
  public static let errorRetryInterval = 10.0
  /// Errors in a row a metric tolerates when it does not say.
  public static let defaultConsecutiveErrorLimit = 4

  /// Takes every measurement due at `now` with `provider`, judging each with `judge`, then
  /// assesses the metrics and the run. Returns the next time a measurement is due, nil when
  /// the run has completed.
  ///
  /// - Parameters:
  ///   - images: the analysed ReplicaSet's images, for the simulated provider.
  ///   - judge: the phase of a measurement from its value (the metric's conditions).
  @discardableResult
  public mutating func advance(
    now: Double, namespace: String, images: [String], provider: any MetricProvider,
    judge: (AnalysisMetric, JSONValue) -> (AnalysisPhase, String?)
  ) -> Double? {
    guard !phase.isCompleted else { return nil }
    for (index, metric) in metrics.enumerated() where !results[index].phase.isCompleted {
      guard !terminating, let due = dueTime(of: index), due <= now else { continue }
      let request = MeasurementRequest(
        metric: metric, run: name, namespace: namespace, images: images, now: now)
      let measurement: Measurement
      switch provider.measure(request) {
      case .success(let value):
        let (verdict, message) = judge(metric, value)
        measurement = Measurement(
          phase: verdict, value: value.measurementText, at: now, message: message)
      case .failure(let error):
        measurement = Measurement(phase: .error, value: nil, at: now, message: error.message)
      }
      results[index].record(measurement)
    }
    assess(now: now)
    return nextDue()
  }

  /// Stops the run: metrics still measuring complete as Successful (as Argo terminates a run),
  /// completed ones keep their phase.
  public mutating func terminate(now: Double) {
    guard !phase.isCompleted else { return }
    terminated = true
    assess(now: now)
  }

  /// The earliest time a measurement is due, nil when none is.
  public func nextDue() -> Double? {
    guard !phase.isCompleted else { return nil }
    return metrics.indices.compactMap { results[$0].phase.isCompleted ? nil : dueTime(of: $0) }
      .min()
  }

  /// The run is stopping: terminated, or a metric failed, errored or was inconclusive.
  var terminating: Bool {
    terminated || results.contains { [.failed, .error, .inconclusive].contains($0.phase) }
  }

  /// When metric `index` is next measured, nil when it will not be again.
  func dueTime(of index: Int) -> Double? {
    let metric = metrics[index]
    let result = results[index]
    guard let last = result.measurements.last else {
      return startedAt + ((try? parseDuration(metric.initialDelay ?? "0")) ?? 0)
    }
    if let count = metric.effectiveCount, result.count >= count { return nil }
    if let text = metric.interval, let interval = try? parseDuration(text) {
      return last.at + interval
    }
    return last.phase == .error ? last.at + Self.errorRetryInterval : nil
  }

  /// Assesses each metric, then the run: running while any metric is, else the worst phase.
  mutating func assess(now: Double) {
    // A metric that fails makes the run terminate, which completes the others: twice.
    for _ in 0..<2 {
      let stopping = terminating
      for index in metrics.indices where !results[index].phase.isCompleted {
        let (phase, message) = metrics[index].assess(results[index], terminating: stopping)
        results[index].phase = phase
        if phase.isCompleted { results[index].message = message }
      }
    }
    guard results.allSatisfy(\.phase.isCompleted) else {
      phase = .running
      return
    }
    let worst = results.max { $0.phase.severity < $1.phase.severity }
    phase = worst?.phase ?? .successful
    finishedAt = now
    if phase == .successful {
      message = terminated ? "run terminated" : nil
    } else if let worst {
      message =
        "metric \"\(worst.name)\" assessed \(worst.phase.rawValue) due to "
        + (worst.message ?? "its measurements")
      if let value = worst.measurements.last(where: { $0.value != nil })?.value {
        message! += "; last value \(value)"
      } else if let error = worst.measurements.last?.message {
        message! += "; last error: \(error)"
      }
    }
  }
}

extension MetricResult {
  /// Counts a measurement as Argo does: errors count apart and in a row, and are not part of
  /// `count`; any other measurement ends a run of errors.
  public mutating func record(_ measurement: Measurement) {
    switch measurement.phase {
    case .successful: successful += 1
    case .failed: failed += 1
    case .inconclusive: inconclusive += 1
    case .error: error += 1
    case .pending, .running: break
    }
    if measurement.phase == .error {
      consecutiveError += 1
    } else {
      count += 1
      consecutiveError = 0
    }
    phase = .running
    measurements.append(measurement)
    if measurements.count > Self.retained {
      measurements.removeFirst(measurements.count - Self.retained)
    }
  }
}

extension AnalysisMetric {
  /// Measurements to take: `count`; one without an interval; unbounded with an interval.
  public var effectiveCount: Int? {
    if let count, let value = count.integer, value > 0 { return value }
    return interval == nil ? 1 : nil
  }

  /// A limit by Argo's convention: the field, else `fallback`; -1 is no limit.
  static func limit(_ value: IntOrString?, fallback: Int) -> Int? {
    let limit = value?.integer ?? fallback
    return limit < 0 ? nil : limit
  }

  /// The metric's phase from its result (analysis.go's assessMetricStatus), with the reason a
  /// completed phase was reached.
  func assess(_ result: MetricResult, terminating: Bool) -> (AnalysisPhase, String?) {
    guard let last = result.measurements.last else {
      return terminating ? (.successful, "run terminated") : (.pending, nil)
    }
    guard last.phase.isCompleted else { return (.running, nil) }
    if let limit = Self.limit(failureLimit, fallback: 0), result.failed > limit {
      return (.failed, "failed (\(result.failed)) > failureLimit (\(limit))")
    }
    if let limit = Self.limit(inconclusiveLimit, fallback: 0), result.inconclusive > limit {
      return (
        .inconclusive, "inconclusive (\(result.inconclusive)) > inconclusiveLimit (\(limit))"
      )
    }
    let errors = Self.limit(
      consecutiveErrorLimit, fallback: AnalysisRun.defaultConsecutiveErrorLimit)
    if let errors, result.consecutiveError > errors {
      return (
        .error,
        "consecutiveErrors (\(result.consecutiveError)) > consecutiveErrorLimit (\(errors))"
      )
    }
    if let count = effectiveCount, result.count >= count {
      return (.successful, "count (\(count)) reached")
    }
    return terminating ? (.successful, "run terminated") : (.running, nil)
  }
}

extension IntOrString {
  /// The value as an integer: the int, or a string holding one (after `{{args.…}}`).
  public var integer: Int? {
    switch self {
    case .int(let value): value
    case .string(let text): Int(text)
    }
  }
}

extension JSONValue {
  /// A measured value as Argo shows it: `0.05`, `[0.05,0.02]`, `NaN`, `+Inf`, `"text"`.
  public var measurementText: String {
    switch self {
    case .double(let number):
      if number.isNaN { return "NaN" }
      if number.isInfinite { return number > 0 ? "+Inf" : "-Inf" }
      if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
      return String(number)
    case .array(let items): return "[" + items.map(\.measurementText).joined(separator: ",") + "]"
    case .object, .string, .bool, .int, .null: return compactJSON
    }
  }
}
