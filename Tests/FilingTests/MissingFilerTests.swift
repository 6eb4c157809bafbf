@testable import FilingApp
import Foundation
import Testing

@Suite("Window notices and missing filers", .serialized)
struct MissingFilerTests {
    @Test("the day before the close names who has not filed; at the close each is recorded missing and evented, once")
    func closingAndClosed() async throws {
        let harness = try await FilingHarness.make(scheduledJobs: false)
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let today = FilingHarness.today
            try await harness.call(client, .put, "/filing-windows/2025-03", as: harness.bureauAdmin,
                                   json: ["opensOn": today.adding(days: -3).description, "closesOn": today.adding(days: 1).description])
            try await harness.file("2025-03", on: client)
            let first = try await FilingService.runWindowTick(at: Date(), runtime: harness.service.runtime)
            #expect(first.opened.contains("2025-03"))
            #expect(first.closingSoon == ["2025-03"])
            let soon = try await harness.eventPayloads(type: "qinqing.filing.window.closing-soon.v1")
            let unfiled = (soon.first?["unfiled"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(unfiled == ["中国平煤神马集团汝州电化有限公司", "平顶山示范制造有限公司"])
            #expect((soon.first?["unfiledEnterpriseIDs"] as? [String])?.map { $0.lowercased() }.sorted()
                == [harness.enterpriseB, harness.enterpriseC].map { $0.uuidString.lowercased() }.sorted())
            let again = try await FilingService.runWindowTick(at: Date(), runtime: harness.service.runtime)
            #expect(again.opened.isEmpty && again.closingSoon.isEmpty && again.closed.isEmpty)
            // The window closed yesterday.
            try await harness.call(client, .put, "/filing-windows/2025-03", as: harness.bureauAdmin,
                                   json: ["opensOn": today.adding(days: -5).description, "closesOn": today.adding(days: -1).description])
            let closed = try await FilingService.runWindowTick(at: Date(), runtime: harness.service.runtime)
            #expect(closed.closed == ["2025-03"] && closed.missing == 2)
            let missing = try await harness.eventPayloads(type: "qinqing.filing.filing.missing.v1")
            #expect(missing.compactMap { ($0["enterprise"] as? [String: Any])?["name"] as? String }
                == ["中国平煤神马集团汝州电化有限公司", "平顶山示范制造有限公司"])
            let summary = try #require(try await harness.eventPayloads(type: "qinqing.filing.window.closed.v1").first)
            #expect(summary["filed"] as? Int == 1 && summary["missing"] as? Int == 2)
            let recorded = try await harness.dependencies.pool.query("SELECT count(*)::int AS n FROM missing_filings WHERE period = '2025-03'")
            #expect(try recorded.first?.decode("n", as: Int.self) == 2)
            let quiet = try await FilingService.runWindowTick(at: Date(), runtime: harness.service.runtime)
            #expect(quiet.closed.isEmpty && quiet.missing == 0)
        }
    }
}
