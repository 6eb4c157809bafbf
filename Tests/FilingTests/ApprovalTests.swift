import Foundation
import Testing

@Suite("Countersigning and data approval", .serialized)
struct ApprovalTests {
    @Test("the liaison countersigns; the bureau approves the county's month; a change then needs a reopening")
    func countersignAndApprove() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let filed = try await harness.file("2025-03", on: client)
            let id = try #require(filed["id"] as? String)
            try await harness.file("2025-03", as: harness.filerB, on: client)
            let stranger = try await harness.call(client, .post, "/filings/\(id)/countersignature", as: harness.otherLiaison, json: [:])
            #expect(stranger.status == .notFound)
            let signed = try await harness.call(client, .post, "/filings/\(id)/countersignature", as: harness.liaison, json: ["note": "已核实"])
            #expect(signed.status == .ok && signed["status"] as? String == "countersigned")
            let again = try await harness.call(client, .post, "/filings/\(id)/countersignature", as: harness.liaison, json: [:])
            #expect(again.status == .conflict)
            let otherCounty = try await harness.call(client, .post, "/filing-approvals", as: harness.xinhuaStatistician, json: ["period": "2025-03", "region": "410482"])
            #expect(otherCounty.status == .forbidden)
            let approval = try await harness.call(client, .post, "/filing-approvals", as: harness.ruzhouStatistician, json: ["period": "2025-03", "region": "410482"])
            #expect(approval.status == .ok)
            #expect(approval["approved"] as? [String] == [id])
            #expect(approval["awaitingCountersignature"] as? Int == 1)
            let shown = try await harness.call(client, .get, "/filings/\(id)", as: harness.filerA)
            #expect(shown["status"] as? String == "approved")
            let change = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: Forms.filing(outputMonth: "1001"))
            #expect(change.status == .conflict && change.errorField == "period")
            let entry = try #require(filed["reportingEnterpriseID"] as? String)
            let reopened = try await harness.call(
                client, .post, "/reporting-enterprises/\(entry)/reopenings", as: harness.bureauAdmin,
                json: ["period": "2025-03", "days": 2, "reason": "统计局核查后需更正产值"])
            #expect(reopened.status == .created)
            let corrected = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: Forms.filing(outputMonth: "1001"))
            #expect(corrected.status == .ok && corrected["status"] as? String == "submitted" && corrected["version"] as? Int == 2)
            let history = try await harness.call(client, .get, "/filings/\(id)/history", as: harness.liaison)
            #expect(history.items.map { $0["action"] as? String } == ["submitted", "countersigned", "approved", "revised"])
            #expect(try await harness.events(about: id) == [
                "qinqing.filing.filing.submitted.v1", "qinqing.filing.filing.countersigned.v1", "qinqing.filing.filing.revised.v1",
            ])
            #expect(try await harness.events(about: "410482/2025-03") == ["qinqing.filing.month.approved.v1"])
        }
    }
}
