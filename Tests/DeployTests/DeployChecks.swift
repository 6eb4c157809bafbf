import Contracts
import Foundation

/// Runs `deploy/checks/run.sh <check> …` (the pinned Python checks) and returns its exit code and output.
enum DeployChecks {
    static var root: URL {
        if let root = ProcessInfo.processInfo.environment["QINQING_REPO_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var services: String { ProducingService.allCases.map(\.rawValue).joined(separator: ",") }
    static var topics: String { Topic.all.map(\.name).joined(separator: ",") }

    struct Outcome {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        try execute("/bin/bash", [root.appendingPathComponent("deploy/checks/run.sh").path] + arguments, environment: environment)
    }

    static func execute(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-check-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: text)
    }

    /// The lines that name a failure, or the whole output when there is none (a crash, say).
    static func failures(_ outcome: Outcome) -> String {
        let lines = outcome.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        return lines.isEmpty ? outcome.output : lines.joined(separator: "\n")
    }
}
