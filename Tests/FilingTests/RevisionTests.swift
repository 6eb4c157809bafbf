import Foundation
import Testing

@Suite("Revisions, 我的填报 and status history", .serialized)
struct RevisionTests {
    @Test("a revision inside the window keeps every version with who and when; 我的填报 lists months with status and flags")
    func revisions() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-02", "2025-03"], on: client)
            let first = try await harness.file("2025-03", on: client)
            let id = try #require(first["id"] as? String)
            let colleague = harness.filerA
            let second = try await harness.call(
                client, .put, "/periods/2025-03/filing", as: colleague, json: Forms.filing(outputMonth: "1010", outputYTD: "3010"))
            #expect(second.status == .ok)
            #expect(second["id"] as? String == id)
            #expect(second["version"] as? Int == 2)
            let versions = second["versions"] as? [[String: Any]] ?? []
            #expect(versions.map { $0["version"] as? Int } == [1, 2])
            #expect(versions.last?["submittedBy"] as? String == colleague.accountID.uuidString)
            let old = try await harness.call(client, .get, "/filings/\(id)/versions/1", as: harness.filerA)
            #expect((old.form["output"] as? [String: Any])?["month"] as? String == "1000")
            let current = try await harness.call(client, .get, "/filings/\(id)", as: harness.filerA)
            #expect((current.form["output"] as? [String: Any])?["month"] as? String == "1010")
            let none = try await harness.call(client, .get, "/filings/\(id)/versions/3", as: harness.filerA)
            #expect(none.status == .notFound)
            let flagged = Forms.filing { form in
                form["materials"] = [["name": "原煤", "unit": "吨", "price": "990", "priceMoM": "0", "priceYoY": "0"]]
            }
            try await harness.file("2025-02", flagged.merging(["explanation": "测试"]) { $1 }, on: client)
            let mine = try await harness.call(client, .get, "/filings/mine", as: harness.filerA)
            #expect(mine.items.map { $0["period"] as? String } == ["2025-03", "2025-02"])
            #expect(mine.items.map { $0["status"] as? String } == ["submitted", "submitted"])
            #expect(mine.items.first?["version"] as? Int == 2)
            let history = try await harness.call(client, .get, "/filings/\(id)/history", as: harness.filerA)
            #expect(history.items.map { $0["action"] as? String } == ["submitted", "revised"])
            #expect(try await harness.events(about: id) == ["qinqing.filing.filing.submitted.v1", "qinqing.filing.filing.revised.v1"])
            let theirs = try await harness.call(client, .get, "/filings/mine", as: harness.filerB)
            #expect(theirs.items.isEmpty)
        }
    }

    @Test("two first filings of the same month at once: one is the filing, the other its revision, never a server error")
    func simultaneousFirstFilings() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            async let one = harness.call(
                client, .put, "/periods/2025-03/filing", as: harness.filerA, json: Forms.filing(outputMonth: "1000", outputYTD: "3000"))
            async let two = harness.call(
                client, .put, "/periods/2025-03/filing", as: harness.filerA, json: Forms.filing(outputMonth: "1010", outputYTD: "3010"))
            let answers = try await [one, two]
            #expect(Set(answers.map(\.status.code)) == [201, 200])
            #expect(Set(answers.compactMap { $0["id"] as? String }).count == 1)
            #expect(Set(answers.compactMap { $0["version"] as? Int }) == [1, 2])
        }
    }
}
