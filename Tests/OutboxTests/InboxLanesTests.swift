import Contracts
import Foundation
@testable import Outbox
import Testing

@Suite("Inbox lanes")
struct InboxLanesTests {
    static func envelope(_ type: String, subject: String) -> EventEnvelope {
        EventEnvelope(
            id: UUID(), source: "test", type: type, time: Date(), subject: subject, topic: Topic("test.lanes"), data: Data("{}".utf8))
    }

    @Test("a batch is split by subject into lanes of its batch-handled events only, each subject in one lane and in order")
    func split() throws {
        var handlers = EventHandlers(knownTypes: [])
        handlers.onBatch(["case.event"]) { _, _ in }
        handlers.onRaw("calendar.event") { _, _ in }
        let subjects = (0..<12).map { "case-\($0)" }
        var envelopes: [EventEnvelope] = []
        for round in 0..<4 {
            for subject in subjects { envelopes.append(Self.envelope("case.event", subject: subject)) }
            envelopes.append(Self.envelope("calendar.event", subject: "year-\(round)"))
        }
        let work = try envelopes.map { envelope in (envelope, try #require(handlers.work(for: envelope.type))) }

        let lanes = InboxApplier.lanes(of: work, count: 3)
        #expect(lanes.count > 1)
        #expect(lanes.allSatisfy { $0.allSatisfy { $0.1.isBatch } })
        #expect(lanes.map(\.count).reduce(0, +) == 48)
        for subject in subjects {
            let holding = lanes.filter { lane in lane.contains { $0.0.subject == subject } }
            #expect(holding.count == 1)
            let inLane = holding.first?.filter { $0.0.subject == subject }.map(\.0.id)
            #expect(inLane == envelopes.filter { $0.subject == subject }.map(\.id))
        }

        #expect(InboxApplier.lanes(of: work, count: 1).map(\.count) == [52])
        let calendarOnly = work.filter { !$0.1.isBatch }
        #expect(InboxApplier.lanes(of: calendarOnly, count: 3).map(\.count) == [4])
    }
}
