import Foundation
import PackagePlugin

/// Compiles the stock strategies (`strategies/*.lua`), their shared library (`strategies/lib/*.lua`)
/// and the strategy host (`Sources/Strategies/Lua/*.lua`) into the Strategies module as string
/// literals, at every build, so the binary carries exactly the files in the repository.
@main
struct EmbedLuaPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let stock = context.package.directoryURL.appending(path: "strategies")
    let library = stock.appending(path: "lib")
    let host = target.directoryURL.appending(path: "Lua")
    let inputs = try [stock, library, host].flatMap { directory in
      try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".lua") }
        .map { directory.appending(path: $0) }
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLua.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) Lua files",
        executable: try context.tool(named: "EmbedLua").url,
        arguments: [output.path, stock.path, library.path, host.path],
        inputFiles: inputs + [stock, library, host],
        outputFiles: [output])
    ]
  }
}
