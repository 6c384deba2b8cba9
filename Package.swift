// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "rollout",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "rollout", targets: ["RolloutCLI"]),
    .executable(name: "rollout-bench", targets: ["RolloutBench"]),
    .library(name: "LuaBridge", targets: ["LuaBridge"]),
    .library(name: "Engine", targets: ["Engine"]),
    .library(name: "Strategies", targets: ["Strategies"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
  ],
  targets: [
    // Debian's liblua5.4-dev, found through pkg-config.
    .systemLibrary(
      name: "CLua",
      pkgConfig: "lua5.4",
      providers: [.apt(["liblua5.4-dev", "pkg-config"])]
    ),
    // The few things Swift must not do itself: raising Lua errors, the
    // allocator, the instruction hook and the bounded pattern matcher.
    .target(name: "CLuaShim", dependencies: ["CLua"]),
    .target(
      name: "LuaBridge",
      dependencies: ["CLua", "CLuaShim", .product(name: "Logging", package: "swift-log")]
    ),
    // The core: the object model, the controllers, the strategy boundary, Kubernetes'
    // arithmetic and the cluster protocol.
    .target(name: "Engine", dependencies: [.product(name: "Yams", package: "Yams")]),
    // Manifests (Deployments, Services, Argo Rollouts) read from YAML and validated.
    .target(name: "Manifests", dependencies: ["Engine", .product(name: "Yams", package: "Yams")]),
    // The simulated cluster: one ClusterBackend, with a kubelet and a ReplicaSet controller.
    .target(
      name: "Simulator",
      dependencies: ["Engine", .product(name: "Collections", package: "swift-collections")]
    ),
    // The local state directory: atomic JSON documents, JSONL logs, the lock.
    .target(name: "Store"),
    // The scenario and strategy-test harness behind `rollout simulate` and `rollout test`.
    .target(
      name: "Scenarios",
      dependencies: [
        "Engine", "Manifests", "Simulator", .product(name: "Yams", package: "Yams"),
      ]
    ),
    .target(
      name: "Strategies", dependencies: ["Engine", "LuaBridge"], exclude: ["Lua"],
      plugins: ["EmbedLuaPlugin"]),
    // Compiles strategies/*.lua and the strategy host into the binary (see EmbedLuaPlugin).
    .executableTarget(name: "EmbedLua"),
    .plugin(name: "EmbedLuaPlugin", capability: .buildTool(), dependencies: ["EmbedLua"]),
    // The engine as an operator uses it: a session over a store (apply, drive, the verbs,
    // history, replay), beneath the CLI and any other front end.
    .target(
      name: "RolloutAPI",
      dependencies: [
        "Engine", "Simulator", "Store", "Strategies", "MetricProviders", "Dashboard", "Scenarios",
      ]),
    // `rollout simulate --chart`'s drawing: a run as SVG.
    .target(name: "Charts", dependencies: ["Engine", "Scenarios"]),
    // What the dashboard shows and does, without HTTP: the source boundary (a local store, a
    // served cluster, a controller), the list and rollout views, actions, charts and what-ifs.
    .target(name: "Dashboard", dependencies: ["Engine", "Scenarios", "Strategies", "Charts"]),
    // The dashboard's HTTP face: pages, the JSON API, server-sent events, tokens and CSRF.
    .target(
      name: "DashboardServer",
      dependencies: [
        "Dashboard", "Engine", "Strategies",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      exclude: ["Assets"],
      plugins: ["EmbedAssetsPlugin"]),
    // Compiles the dashboard's pages (Sources/DashboardServer/Assets) into the binary.
    .executableTarget(name: "EmbedAssets"),
    .plugin(name: "EmbedAssetsPlugin", capability: .buildTool(), dependencies: ["EmbedAssets"]),
    // The Kubernetes API's semantics over the simulated cluster, without HTTP: resources,
    // wire forms, the object cache and watches, patches, selectors, tables, discovery, OpenAPI.
    .target(
      name: "ClusterAPI",
      dependencies: [
        "Engine", "Manifests", "Simulator", "Store", "Strategies", "RolloutAPI", "Dashboard",
        .product(name: "Collections", package: "swift-collections"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The HTTP face of `rollout serve`: TLS, bearer tokens and routing onto ClusterAPI.
    .target(
      name: "KubeAPI",
      dependencies: [
        "ClusterAPI", "Engine", "DashboardServer",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // A thin, typed Kubernetes API client: kubeconfig, TLS, bearer tokens and exec plugins,
    // requests, watches, informers and a rate-limited work queue. It knows nothing of rollouts.
    .target(
      name: "KubeClient",
      dependencies: [
        "Engine",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // `rollout controller`: the engine's controllers and strategy host against a Kubernetes
    // API server through KubeClient: Rollouts, their ReplicaSets and status, leader election,
    // metrics.
    .target(
      name: "RolloutController",
      dependencies: [
        "Engine", "Manifests", "Strategies", "KubeClient", "Dashboard", "DashboardServer",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The metric providers that answer over HTTP: Prometheus and web endpoints.
    .target(
      name: "MetricProviders",
      dependencies: [
        "Engine",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    .executableTarget(
      name: "RolloutCLI",
      dependencies: [
        "Engine", "Manifests", "Simulator", "Store", "Scenarios", "Strategies", "RolloutAPI",
        "ClusterAPI", "KubeAPI", "KubeClient", "RolloutController", "Charts", "Dashboard",
        "DashboardServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "RolloutBench",
      dependencies: [
        "Engine", "Simulator", "Store", "Strategies", "LuaBridge", "ClusterAPI", "KubeClient",
        "MetricProviders", "Dashboard", "DashboardServer", "RolloutAPI",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge"]),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "Simulator"]),
    .testTarget(name: "ManifestsTests", dependencies: ["Manifests", "Engine"]),
    .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Store", "Engine"]),
    .testTarget(name: "StoreTests", dependencies: ["Store"]),
    .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Simulator", "Engine"]),
    .testTarget(
      name: "StrategiesTests", dependencies: ["Strategies", "Scenarios", "Simulator", "Engine"]),
    .testTarget(
      name: "RolloutAPITests",
      dependencies: ["RolloutAPI", "Manifests", "Simulator", "Store", "Strategies", "Engine"]),
    .testTarget(
      name: "ClusterAPITests", dependencies: ["ClusterAPI", "Engine", "Simulator", "Store"]),
    .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", "ClusterAPI", "Engine"]),
    .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "Engine"]),
    .testTarget(
      name: "RolloutControllerTests",
      dependencies: [
        "RolloutController", "KubeClient", "ClusterAPI", "KubeAPI", "Engine", "Strategies",
        .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(name: "RolloutCLITests", dependencies: ["Engine"]),
    .testTarget(
      name: "DashboardTests",
      dependencies: [
        "Dashboard", "DashboardServer", "RolloutAPI", "Engine", "Simulator", "Store",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
    .testTarget(
      name: "MetricProvidersTests",
      dependencies: [
        "MetricProviders", "Engine",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)
