@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Postgres
import Testing

@Suite("Complaint life cycle and its personal data")
struct ComplaintLifecycleTests {
    @Test("dispatch → sign → reply → rate; contact ID number, phone and email sealed at rest and masked for inspectors")
    func lifeCycle() async throws {
        let h = try await AppealsHarness.make()
        let unitC = h.unitAdmin(h.unitC)
        try await h.application().test(.router) { client in
            let created = try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint())
            #expect(created.status == .created)
            let id = try #require(created.string("id"))
            #expect(created.string("serialNumber")?.hasPrefix("TS") == true)
            #expect(created.string("status") == "dispatching")

            // At rest: neither the form nor the contacts table holds the plain values.
            let raw = try await h.dependencies.pool.query(
                "SELECT form::text AS form, (SELECT string_agg(encode(sealed, 'escape'), '') FROM case_contacts WHERE case_id = c.id) AS sealed FROM cases c WHERE id = \(UUID(uuidString: id)!)")
            let stored = try raw[0].decode("form", as: String.self) + (try raw[0].decode("sealed", as: String?.self) ?? "")
            for secret in [Forms.complaintIDNumber, Forms.complaintPhone, Forms.complaintEmail] {
                #expect(!stored.contains(secret))
            }

            let owner = try await h.call(client, .get, "/complaints/\(id)", as: h.enterprise)
            #expect(owner.text.contains(Forms.complaintIDNumber))
            let inspector = try await h.call(client, .get, "/complaints/\(id)", as: h.inspector)
            #expect(inspector.status == .ok)
            for secret in [Forms.complaintIDNumber, Forms.complaintPhone, Forms.complaintEmail] {
                #expect(!inspector.text.contains(secret))
            }

            _ = try await h.call(client, .post, "/complaints/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitC.uuidString])
            #expect(try await h.call(client, .post, "/complaints/\(id)/sign", as: unitC).string("status") == "inProgress")
            let replied = try await h.call(
                client, .post, "/complaints/\(id)/reply", as: unitC,
                json: ["handlerName": "刘明", "phone": "0375-2661234", "content": "已约谈窗口负责人并整改"])
            #expect(replied.string("status") == "replied")
            let closed = try await h.call(client, .post, "/complaints/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": false])
            #expect(closed.string("status") == "closed")
            #expect(try await h.events(for: UUID(uuidString: id)!) == [
                ComplaintSubmitted.eventType, ComplaintDispatched.eventType, ComplaintSigned.eventType, ComplaintReplied.eventType,
                ComplaintRated.eventType, ComplaintClosed.eventType,
            ])
            // No event body carries the contact's personal data.
            let bodies = try await h.dependencies.pool.query("SELECT encode(payload, 'escape') AS body FROM outbox")
                .map { try $0.decode("body", as: String.self) }.joined()
            for secret in [Forms.complaintIDNumber, Forms.complaintPhone, Forms.complaintEmail] {
                #expect(!bodies.contains(secret))
            }
            // Complaints have no liaison review.
            #expect(try await h.call(client, .post, "/complaints/\(id)/review", as: h.liaison, json: [:]).status == .notFound)
        }
    }

    @Test("every field is checked and a bad one is named")
    func validation() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            var form = Forms.complaint()
            form["contactIDNumber"] = "110105194912310021"
            var response = try await h.call(client, .post, "/complaints", as: h.enterprise, json: form)
            #expect(response.status == .badRequest)
            #expect(response.errorField == "contactIDNumber")
            form = Forms.complaint()
            form["category"] = "reformEfficiency"
            response = try await h.call(client, .post, "/complaints", as: h.enterprise, json: form)
            #expect(response.errorField == "category")

            var appeal = Forms.appeal()
            var problem = appeal["problem"] as! [String: Any]
            problem["title"] = "   "
            appeal["problem"] = problem
            response = try await h.call(client, .post, "/appeals", as: h.enterprise, json: appeal)
            #expect(response.status == .badRequest)
            #expect(response.errorField == "problem.title")
            appeal = Forms.appeal()
            var basic = appeal["basic"] as! [String: Any]
            basic["contactPhone"] = "12345"
            appeal["basic"] = basic
            response = try await h.call(client, .post, "/appeals", as: h.enterprise, json: appeal)
            #expect(response.errorField == "basic.contactPhone")
            appeal = Forms.appeal()
            appeal["operations"] = ["year": 2025, "investment": -1, "revenue": 1, "tax": 1]
            response = try await h.call(client, .post, "/appeals", as: h.enterprise, json: appeal)
            #expect(response.errorField == "operations.investment")
            appeal = Forms.appeal()
            appeal.removeValue(forKey: "plan")
            response = try await h.call(client, .post, "/appeals", as: h.enterprise, json: appeal)
            #expect(response.errorField == "plan")
            // Officials cannot submit; guests must sign in.
            #expect(try await h.call(client, .post, "/appeals", as: h.dispatcher, json: Forms.appeal()).status == .forbidden)
            #expect(try await h.call(client, .post, "/appeals", as: nil, json: Forms.appeal()).status == .unauthorized)
        }
    }
}
