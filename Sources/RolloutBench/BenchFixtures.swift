import Engine
import Foundation
import Simulator

/// Shared builders and measurements for the suites.
enum Bench {
  /// A Deployment of `replicas` pods of `image`, run by the strategy `strategy` (a stock name).
  static func deployment(
    _ name: String, replicas: Int, image: String, strategy: String? = nil
  ) -> Deployment {
    let labels = ["app": name]
    return Deployment(
      metadata: ObjectMeta(
        name: name, labels: labels,
        annotations: strategy.map { [Annotations.strategy: $0] }),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: labels),
        template: PodTemplateSpec(
          metadata: .init(labels: labels),
          spec: ["containers": [["name": "app", "image": .string(image)]]])))
  }

  /// Sets the image of every key's Deployment to `image` (a new revision each).
  static func rollOut(_ keys: [ObjectKey], to image: String, on cluster: SimulatedCluster) throws {
    for key in keys {
      guard var deployment = cluster.get(Deployment.self, key) else { continue }
      deployment.spec.template.setImage(container: "app", to: image)
      try cluster.update(deployment)
    }
  }

  /// Wall seconds `body` took.
  static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try body()
    return (value, (ContinuousClock.now - start).seconds)
  }

  /// VmRSS of this process in KiB, from /proc/self/status (0 where there is none).
  /// CPU time (user + system) this process has used, in seconds.
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  static func residentKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
  }

  /// The slope of the least-squares line through (log x, log y): cost ~ x^slope.
  static func exponent(_ points: [(x: Double, y: Double)]) -> Double {
    let logs = points.map { (log($0.x), log($0.y)) }
    let n = Double(logs.count)
    let meanX = logs.reduce(0) { $0 + $1.0 } / n
    let meanY = logs.reduce(0) { $0 + $1.1 } / n
    let covariance = logs.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
    let variance = logs.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
    return covariance / variance
  }

  /// One figure line: label, value with unit, and the target when there is one.
  static func figure(_ label: String, _ value: String, target: String? = nil) {
    let padded = label.padding(toLength: 58, withPad: " ", startingAt: 0)
    print("\(padded) \(value)" + (target.map { "  (target \($0))" } ?? ""))
  }

  static func format(_ value: Double, digits: Int = 3) -> String {
    String(format: "%.\(digits)f", value)
  }
}

extension Duration {
  var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
