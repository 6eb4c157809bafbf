import Contracts
import Foundation
@testable import IdentityApp
import Testing

@Suite("Liaison work and help requests")
struct LiaisonTests {
    @Test("help request: a member asks, an admin assigns helpers; the enterprise sees its log and helpers; events follow")
    func helpRequests() async throws {
        try await IdentityHarness.run { client, harness in
            let world = try await MatrixWorld.make(client, harness)
            let member = try #require(world.bearers[.member])
            let platform = try #require(world.bearers[.platformAdmin])
            let a = world.enterpriseA
            // The manual's form (1.10.1 申请帮扶): each missing or wrong field is named.
            let form: [String: Any] = [
                "officeRegion": "410402", "contactName": "李四", "contactPhone": "13612345678", "note": "需要用工对接",
            ]
            for (field, bad) in [("note", ""), ("officeRegion", "110101"), ("contactName", ""), ("contactPhone", "12345"),
                                 ("uscc", Samples.uscc("91410400MA0000099"))] as [(String, Any)] {
                var body = form
                body[field] = bad
                #expect(try await client.call(.post, "/enterprises/\(a)/help-requests", json: body, bearer: member).errorField == field)
            }
            let asked = try await client.call(.post, "/enterprises/\(a)/help-requests", json: form, bearer: member)
            #expect(asked.status == .created)
            #expect(asked.string("status") == "pending")
            #expect(asked.string("uscc") == world.usccA)
            #expect(asked.string("enterpriseName") != nil)
            #expect(asked.string("officeRegion") == "410402")
            #expect(asked.string("contactName") == "李四")
            #expect(asked.string("contactPhone") == "13612345678")
            // The phone is sealed, and shown whole only to the enterprise's members and platform admins.
            let stored = try await harness.pool.query(
                "SELECT contact_phone_sealed FROM help_requests WHERE id = \(UUID(uuidString: try #require(asked.string("id")))!)")
            let sealed = try stored[0].decode("contact_phone_sealed", as: Data.self)
            #expect(!String(decoding: sealed, as: UTF8.self).contains("13612345678"))
            let inspector = try #require(world.bearers[.inspector])
            let seenByInspector = try await client.call(.get, "/help-requests?status=pending", bearer: inspector)
            let masked = seenByInspector.items.first { $0["id"] as? String == asked.string("id") }
            #expect(masked?["contactPhone"] as? String == "136****5678")
            let seenByAdmin = try await client.call(.get, "/help-requests?status=pending", bearer: platform)
            #expect(seenByAdmin.items.first { $0["id"] as? String == asked.string("id") }?["contactPhone"] as? String == "13612345678")
            let id = try #require(asked.string("id"))
            let assigned = try await client.call(
                .post, "/help-requests/\(id)/assignment", json: ["officialIDs": [world.spareLiaison.uuidString]], bearer: platform)
            #expect(assigned.string("status") == "assigned")
            #expect(try await client.call(.post, "/help-requests/\(id)/rejection", json: ["reason": "x"], bearer: platform).status == .conflict)
            let log = try await client.call(.get, "/enterprises/\(a)/help-requests", bearer: member)
            #expect(Set(log.items.compactMap { $0["status"] as? String }) == ["pending", "assigned"])
            let helpers = try await client.call(.get, "/enterprises/\(a)/helpers", bearer: member)
            #expect(helpers.items.compactMap { $0["officialID"] as? String } == [world.spareLiaison.uuidString.uppercased()] ||
                    helpers.items.compactMap { ($0["officialID"] as? String)?.lowercased() } == [world.spareLiaison.uuidString.lowercased()])
            let events = try await harness.outboxPayloads(HelpRequestAssigned.eventType)
            #expect(events.count == 1)
        }
    }

    @Test("assignments keep history; operating status per month; a month without contact is a gap published once")
    func liaisonWork() async throws {
        try await IdentityHarness.run { client, harness in
            let world = try await MatrixWorld.make(client, harness)
            let platform = try #require(world.bearers[.platformAdmin])
            let liaison = try #require(world.bearers[.liaison])
            let a = world.enterpriseA
            #expect(try await client.call(.post, "/enterprises/\(a)/liaisons", json: ["officialID": world.spareOfficial.uuidString], bearer: platform).errorField == "officialID")
            #expect(try await client.call(.post, "/enterprises/\(a)/liaisons", json: ["officialID": world.spareLiaison.uuidString], bearer: platform).status == .created)
            #expect(try await client.call(.post, "/enterprises/\(a)/liaisons", json: ["officialID": world.spareLiaison.uuidString], bearer: platform).status == .conflict)
            #expect(try await client.call(.post, "/enterprises/\(a)/liaisons/\(world.spareLiaison)/unassignment", bearer: platform).status == .ok)
            let current = try await client.call(.get, "/enterprises/\(a)/liaisons", bearer: platform)
            let all = try await client.call(.get, "/enterprises/\(a)/liaisons?history=true", bearer: platform)
            #expect(current.json["total"] as? Int == 1)
            #expect(all.json["total"] as? Int == 2)
            let types = try await harness.outboxTypes()
            #expect(types.contains(LiaisonAssigned.eventType))
            #expect(types.contains(LiaisonUnassigned.eventType))

            #expect(try await client.call(.put, "/enterprises/\(a)/operating-status/2026-13", json: ["status": "normal"], bearer: liaison).errorField == "month")
            #expect(try await client.call(.put, "/enterprises/\(a)/operating-status/2026-10", json: ["status": "bad"], bearer: liaison).errorField == "status")
            #expect(try await client.call(.put, "/enterprises/\(a)/operating-status/2026-10", json: ["status": "difficult", "note": "订单下降"], bearer: liaison).status == .ok)
            #expect(try await client.call(.put, "/enterprises/\(a)/operating-status/2026-10", json: ["status": "normal"], bearer: liaison).status == .ok)
            let statuses = try await client.call(.get, "/enterprises/\(a)/operating-status", bearer: liaison)
            #expect(statuses.items.count == 1)
            #expect(statuses.items.first?["status"] as? String == "normal")
            // Each record is published, without its note; the second replaced the first.
            let recorded = try await harness.outboxPayloads(LiaisonOperatingStatusRecorded.eventType)
            #expect(recorded.count == 2)
            let first = try #require(recorded.first { $0["revised"] as? Bool == false })
            let revision = try #require(recorded.first { $0["revised"] as? Bool == true })
            #expect(first["status"] as? String == "difficult" && revision["status"] as? String == "normal")
            let recorder = try #require((statuses.items.first?["recordedBy"] as? String)?.lowercased())
            for event in [first, revision] {
                #expect((event["enterpriseID"] as? String)?.lowercased() == a.uuidString.lowercased())
                #expect(event["month"] as? String == "2026-10")
                #expect((event["recordedBy"] as? String)?.lowercased() == recorder)
                #expect(event["recordedAt"] is String && event["note"] == nil)
                #expect(!(String(data: try JSONSerialization.data(withJSONObject: event), encoding: .utf8) ?? "").contains("订单下降"))
            }

            // The matrix liaison was assigned before October: no contact in October is a gap; a contact in September is not.
            try await harness.pool.execute("UPDATE liaison_assignments SET assigned_at = '2026-08-15' WHERE ended_at IS NULL")
            #expect(try await client.call(.post, "/enterprises/\(a)/contacts", json: ["date": "2026-09-10", "way": "visit", "note": "走访"], bearer: liaison).status == .created)
            #expect(try await client.call(.post, "/enterprises/\(a)/contacts", json: ["date": "2026-09-31", "way": "visit", "note": "x"], bearer: liaison).errorField == "date")
            let job = ContactGapJob(runtime: harness.runtime)
            #expect(try await job.check(month: "2026-09") == 0)
            #expect(try await job.check(month: "2026-10") == 1)
            #expect(try await job.check(month: "2026-10") == 0)
            let gap = try #require(try await harness.outboxPayloads(LiaisonContactGap.eventType).first)
            #expect(gap["month"] as? String == "2026-10")
            let visible = try await client.call(.get, "/liaison-contact-gaps?month=2026-10", bearer: platform)
            #expect(visible.json["total"] as? Int == 1)
            #expect(try await client.call(.get, "/liaison-contact-gaps?month=2026-10", bearer: liaison).json["total"] as? Int == 1)
            #expect(try await client.call(.get, "/liaison-contact-gaps?month=2026-09", bearer: liaison).json["total"] as? Int == 0)
            #expect(try await client.call(.get, "/liaison-contact-gaps?month=10-2026", bearer: liaison).errorField == "month")
        }
    }
}
