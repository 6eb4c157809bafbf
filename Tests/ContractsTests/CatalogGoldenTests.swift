import Contracts
import Foundation
import Testing

@Suite("Event contracts stay compatible")
struct CatalogGoldenTests {
    @Test("every catalogued event type has a golden sample whose JSON is unchanged")
    func everyEventMatchesItsGoldenFile() throws {
        for type in EventCatalog.all {
            guard let sampled = type as? any GoldenSample.Type else {
                Issue.record("\(type.eventType) has no GoldenSample conformance in ContractsTests")
                continue
            }
            try check(sampled)
        }
    }

    private func check<Event: GoldenSample>(_ type: Event.Type) throws {
        let encoded = String(decoding: try EventJSON.encode(Event.goldenSample), as: UTF8.self)
        let name = "\(Event.eventType).json"
        guard let stored = try? Golden.text(name) else {
            // Record mode for a NEW event type only: writes the missing file into the source tree.
            // An existing golden file is never rewritten; a changed event needs a new version.
            if ProcessInfo.processInfo.environment["QINQING_RECORD_GOLDEN"] == "1" {
                let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
                try Data((encoded + "\n").utf8).write(to: directory.appendingPathComponent(name))
            }
            Issue.record("\(name) is missing from Tests/ContractsTests/Golden")
            return
        }
        let golden = stored.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(encoded == golden, "\(Event.eventType) changed; add a new version instead")
        // Old payloads must still decode into the current type.
        #expect(try EventJSON.decode(Event.self, from: Data(golden.utf8)) == Event.goldenSample)
    }

    @Test("catalogued event types are unique, versioned, and published on their producer's topic")
    func catalogIsWellFormed() {
        let types = EventCatalog.all.map { $0.eventType }
        #expect(Set(types).count == types.count)
        for type in EventCatalog.all {
            #expect(type.eventType.range(of: #"^qinqing\.[a-z]+\.[a-z0-9.-]+\.v[0-9]+$"#, options: .regularExpression) != nil)
            #expect(ProducingService.producer(of: type.topic) != nil)
        }
    }
}
