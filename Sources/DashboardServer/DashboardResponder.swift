import Dashboard
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard's HTTP face, mounted at `/dashboard/` by `rollout dashboard`, `rollout serve`
/// and `rollout controller --dashboard-addr`: the pages, the JSON API, the event stream and the
/// actions, over one `DashboardSource`.
public struct DashboardResponder: Sendable {
  public let source: any DashboardSource
  public let hub: EventHub
  public let security: DashboardSecurity
  /// Where the what-if panel finds `.lua` strategies given by path.
  public let strategyDirectory: URL
  /// The largest request body taken.
  let maxBody = 64 * 1024

  public init(
    source: any DashboardSource, security: DashboardSecurity,
    strategyDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  ) {
    self.source = source
    self.hub = EventHub(source: source)
    self.security = security
    self.strategyDirectory = strategyDirectory
  }

  /// The answer to `request`, or nil when its path is not the dashboard's.
  public func respond(to request: Request) async -> Response? {
    guard let route = DashboardRoute(path: request.uri.path) else { return nil }
    var response: Response
    if let refusal = security.hostRefusal(request) {
      response = Self.error(403, refusal)
    } else {
      do {
        response = try await answer(route, request)
      } catch let refusal as DashboardRefusal {
        response = Self.error(refusal.status, refusal.message)
      } catch {
        response = Self.error(500, "\(error)")
      }
    }
    for field in DashboardSecurity.headers where response.headers[field.name] == nil {
      response.headers.append(field)
    }
    return response
  }

  private func answer(_ route: DashboardRoute, _ request: Request) async throws -> Response {
    let method = request.method
    let reads: Bool
    switch route {
    case .action, .whatIf: reads = false
    default: reads = true
    }
    if reads && method != .get && method != .head {
      return Self.error(405, "\(method.rawValue) is not allowed here")
    }
    if !reads && method != .post { return Self.error(405, "use POST") }
    switch route {
    case .bare:
      return Response(status: .movedPermanently, headers: [.location: "/dashboard/"])
    case .page: return try asset("index.html")
    case .asset(let name): return try asset(name)
    case .info:
      let list = try await hub.list()
      return try Self.json(
        Info(
          title: source.title, readOnly: security.readOnly, now: list.now,
          strategies: DashboardAssets.strategies, lastEventId: list.lastEventID))
    case .list:
      return Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try await hub.listJSON())))
    case .detail(let key):
      let objects = try await source.objects()
      let decisions = try await source.decisions(of: key)
      guard
        let detail = RolloutDetail(
          key, objects: objects, decisions: decisions, readOnly: security.readOnly)
      else { throw Self.missing(key) }
      return try Self.json(detail)
    case .chart(let key):
      let objects = try await source.objects()
      let decisions = try await source.decisions(of: key)
      guard let svg = RolloutChart.svg(key, objects: objects, decisions: decisions) else {
        throw Self.missing(key)
      }
      return Self.body(svg, type: "image/svg+xml")
    case .action(let key): return try await act(on: key, request)
    case .whatIf(let key): return try await whatIf(key, request)
    case .events: return await events(request)
    case .notFound: return Self.error(404, "no such page: \(request.uri.path)")
    }
  }

  private func act(on key: ObjectKey, _ request: Request) async throws -> Response {
    if let refusal = security.actionRefusal(request, needsToken: true) {
      return Self.error(403, refusal)
    }
    let body = try await Self.decode(ActionBody.self, request, limit: maxBody)
    let action = try DashboardAction.action(
      verb: body.verb, revision: body.revision, now: RFC3339.format(Date().timeIntervalSince1970))
    let message = try await source.perform(action, on: key)
    try await hub.refresh()
    let list = try await hub.list()
    return try Self.json(
      ActionAnswer(message: message, rollout: list.rollouts.first { $0.key == key }))
  }

  private func whatIf(_ key: ObjectKey, _ request: Request) async throws -> Response {
    if let refusal = security.actionRefusal(request, needsToken: false) {
      return Self.error(403, refusal)
    }
    let body = try await Self.decode(WhatIfBody.self, request, limit: maxBody)
    let objects = try await source.objects()
    guard
      let deployment = objects.deployments.first(where: {
        $0.metadata.effectiveNamespace == key.namespace && $0.metadata.name == key.name
      })
    else { throw Self.missing(key) }
    let directory = strategyDirectory
    let svg = try await Offload.run {
      try WhatIf.chart(
        of: deployment, strategy: body.strategy, image: body.image, directory: directory)
    }
    return Self.body(svg, type: "image/svg+xml")
  }

  private func asset(_ name: String) throws -> Response {
    guard let text = DashboardAssets.file(name) else {
      return Self.error(404, "no such file: \(name)")
    }
    return Self.body(text.content, type: text.type)
  }

  static func missing(_ key: ObjectKey) -> DashboardRefusal {
    DashboardRefusal(404, "rollout \"\(key.name)\" not found in namespace \"\(key.namespace)\"")
  }
}
