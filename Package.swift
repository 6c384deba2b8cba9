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
    .target(
      name: "Engine",
      dependencies: [
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Collections", package: "swift-collections"),
      ]
    ),
    .target(
      name: "Strategies", dependencies: ["Engine", "LuaBridge"], exclude: ["Lua"],
      plugins: ["EmbedLuaPlugin"]),
    // Compiles strategies/*.lua and the strategy host into the binary (see EmbedLuaPlugin).
    .executableTarget(name: "EmbedLua"),
    .plugin(name: "EmbedLuaPlugin", capability: .buildTool(), dependencies: ["EmbedLua"]),
    .executableTarget(
      name: "RolloutCLI",
      dependencies: [
        "Engine", "Strategies", "LuaBridge",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "RolloutBench",
      dependencies: ["Engine", "Strategies", "LuaBridge"]
    ),
    .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge"]),
    .testTarget(name: "EngineTests", dependencies: ["Engine"]),
    .testTarget(name: "StrategiesTests", dependencies: ["Strategies", "Engine"]),
    .testTarget(name: "RolloutCLITests", dependencies: ["Engine"]),
  ],
  swiftLanguageModes: [.v6]
)
