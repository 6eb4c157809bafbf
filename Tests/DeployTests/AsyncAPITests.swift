import Contracts
import Foundation
import Testing

@Suite("Deployment: the AsyncAPI document of the topics")
struct AsyncAPITests {
    /// deploy/asyncapi/asyncapi.yaml must be exactly what deploy/asyncapi/generate.py makes of
    /// Shared/Contracts, deploy/topics.txt and the golden files; it must follow the AsyncAPI 3.0.0
    /// schema; and it must describe each event type of EventCatalog on its topic, with every golden
    /// payload fitting its (strict) JSON Schema.
    @Test("asyncapi.yaml is generated from the contracts, follows AsyncAPI 3.0 and fits every golden file")
    func documentAgreesWithTheContracts() throws {
        let events = EventCatalog.all.map { event -> [String: String] in
            ["type": event.eventType, "topic": event.topic.name, "version": String(event.version)]
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qinqing-events-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: events, options: [.sortedKeys]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try DeployChecks.run(["asyncapi", "--events", file.path])
        #expect(outcome.status == 0, "\(DeployChecks.failures(outcome))")
    }
}
