import Foundation
import PackagePlugin

/// Compiles the dashboard's pages (`Sources/DashboardServer/Assets/*`) into the DashboardServer
/// module as string literals, at every build, so the binary serves exactly the files in the
/// repository, with no CDN and no files beside it.
@main
struct EmbedAssetsPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let assets = target.directoryURL.appending(path: "Assets")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: assets.path)
      .filter { !$0.hasPrefix(".") }
      .map { assets.appending(path: $0) }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) dashboard files",
        executable: try context.tool(named: "EmbedAssets").url,
        arguments: [output.path, assets.path],
        inputFiles: inputs + [assets],
        outputFiles: [output])
    ]
  }
}
