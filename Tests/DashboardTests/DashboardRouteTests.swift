import Engine
import Testing

@testable import DashboardServer

/// Paths under `/dashboard/` and what they are.
@Suite struct DashboardRouteTests {
  static let table: [(String, DashboardRoute?)] = [
    ("/dashboard", .bare),
    ("/dashboard/", .page),
    ("/dashboard/rollouts/prod/web", .page),
    ("/dashboard/app.js", .asset("app.js")),
    ("/dashboard/api/info", .info),
    ("/dashboard/api/rollouts", .list),
    ("/dashboard/api/events", .events),
    ("/dashboard/api/rollouts/prod/web", .detail(ObjectKey("prod", "web"))),
    ("/dashboard/api/rollouts/prod/web/chart.svg", .chart(ObjectKey("prod", "web"))),
    ("/dashboard/api/rollouts/prod/web/actions", .action(ObjectKey("prod", "web"))),
    ("/dashboard/api/rollouts/prod/web/whatif", .whatIf(ObjectKey("prod", "web"))),
    (
      "/dashboard/api/rollouts/default/%3Cscript%3E",
      .detail(ObjectKey("default", "<script>"))
    ),
    ("/dashboard/api/rollouts/prod/web/logs", .notFound),
    ("/dashboard/api/nothing", .notFound),
    ("/dashboardx", nil),
    ("/api/v1/pods", nil),
    ("/", nil),
  ]

  @Test(arguments: table) func route(_ path: String, _ expected: DashboardRoute?) {
    #expect(DashboardRoute(path: path) == expected)
  }
}
