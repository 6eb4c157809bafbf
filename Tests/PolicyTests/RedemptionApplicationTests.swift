@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Postgres
import Testing

@Suite("政策兑现 applications (申报): the five steps of art. 6, materials, windows and the processing limit")
struct RedemptionApplicationTests {
    static let pdf = PolicyAttachmentTests.pdf
    static let png = InterpretationTests.png

    /// An item of `h.unit` for a fresh published policy, its window from `from` to `to` days from today.
    func item(
        _ h: PolicyHarness, _ client: some TestClientProtocol, applicant: String = "enterprise", from: Int = -3, to: Int = 10, days: Int = 15
    ) async throws -> String {
        let policy = try await h.publish(client, PolicyHarness.form(title: "关于推动建筑业企业科技创新的若干措施"))
        var form = RedemptionItemTests.form(policy: policy, applicant: applicant, from: from, to: to)
        form["processingDays"] = days
        return try await RedemptionItemTests().published(h, client, form)
    }

    func upload(_ h: PolicyHarness, _ client: some TestClientProtocol, as claims: AccessClaims?, bytes: [UInt8] = pdf, name: String = "申请表.pdf") async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        if let claims { headers[.authorization] = try await h.tokens.bearer(claims) }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        let response = try await client.execute(
            uri: "/application-files?fileName=\(encoded)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        return Reply(status: response.status, bytes: Array(buffer: response.body), headers: response.headers)
    }

    /// The two required materials, uploaded by `applicant`.
    func materials(_ h: PolicyHarness, _ client: some TestClientProtocol, as applicant: AccessClaims) async throws -> [[String: Any]] {
        let form = try #require(try await upload(h, client, as: applicant).string("id"))
        let audit = try #require(try await upload(h, client, as: applicant, name: "审计报告.pdf").string("id"))
        return [["name": "申请表", "fileID": form], ["name": "研发费用专项审计报告", "fileID": audit]]
    }

    func stages(_ reply: Reply) -> [String] { (reply["history"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String } }

    @Test("a member applies with the materials; the unit returns it with a reason, the member resubmits, the unit accepts and approves with the amount; every stage kept, audited and evented; 我的兑现 and the unit's queue")
    func fiveSteps() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let itemID = try await item(h, client)
            let member = h.member()
            let colleague = h.member()
            let officer = h.reviewer(h.unit)

            let submitted = try await h.call(
                client, .post, "/redemption-items/\(itemID)/applications", as: member, json: ["materials": try await materials(h, client, as: member)])
            #expect(submitted.status == .created, "\(submitted.text)")
            #expect(submitted.string("status") == "received")
            #expect(submitted.string("unitName") == "平顶山市工业和信息化局")
            #expect((submitted["materials"] as? [[String: Any]])?.compactMap { $0["fileName"] as? String } == ["申请表.pdf", "审计报告.pdf"])
            let id = try #require(submitted.string("id"))
            let again = try await h.call(
                client, .post, "/redemption-items/\(itemID)/applications", as: colleague, json: ["materials": try await materials(h, client, as: colleague)])
            #expect(again.status == .conflict, "one open application per enterprise and item")

            // The unit's queue and the enterprise's 我的兑现.
            #expect(try await h.call(client, .get, "/redemption-applications?status=received", as: officer).items.count == 1)
            #expect(try await h.call(client, .get, "/redemption-applications", as: h.reviewer(h.otherUnit)).items.isEmpty)
            #expect(try await h.call(client, .get, "/redemption-applications", as: colleague).items.count == 1)
            #expect(try await h.call(client, .get, "/redemption-applications", as: h.member(UUID())).items.isEmpty)

            let refused = try await h.call(client, .post, "/redemption-applications/\(id)/return", as: officer, json: ["reason": ""])
            #expect(refused.errorField == "reason")
            let returned = try await h.call(client, .post, "/redemption-applications/\(id)/return", as: officer, json: ["reason": "审计报告未盖章"])
            #expect(returned.string("status") == "returned")
            #expect(returned.string("returnReason") == "审计报告未盖章")
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: officer).status == .conflict)

            let fixed = try #require(try await upload(h, client, as: colleague, name: "审计报告（盖章）.pdf").string("id"))
            var corrected = try await materials(h, client, as: colleague)
            corrected[1]["fileID"] = fixed
            let resubmitted = try await h.call(client, .put, "/redemption-applications/\(id)/materials", as: colleague, json: ["materials": corrected])
            #expect(resubmitted.status == .ok, "\(resubmitted.text)")
            #expect(resubmitted.string("status") == "received")
            #expect(resubmitted["round"] as? Int == 2)

            let accepted = try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: officer)
            #expect(accepted.string("status") == "processing")
            #expect(accepted.string("light") == "green")
            let due = try #require(accepted.string("dueAt").flatMap { try? Date($0, strategy: .iso8601) })
            #expect(due > Date().addingTimeInterval(15 * 86_400), "15 working days are more than 15 calendar days")

            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/conclude", as: officer, json: ["decision": "approved"]).errorField == "grantedAmount")
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/conclude", as: officer, json: ["decision": "rejected"]).errorField == "note")
            let concluded = try await h.call(
                client, .post, "/redemption-applications/\(id)/conclude", as: officer, json: ["decision": "approved", "grantedAmount": "300000.50"])
            #expect(concluded.status == .ok, "\(concluded.text)")
            #expect(concluded.string("status") == "approved")
            #expect(concluded.string("grantedAmount") == "300000.50")
            #expect(stages(concluded) == ["submitted", "returned", "resubmitted", "accepted", "concluded"])
            let rounds = (concluded["history"] as? [[String: Any]] ?? []).compactMap { $0["round"] as? Int }
            #expect(rounds == [1, 1, 2, 2, 2])

            let audit = try await h.dependencies.pool.query(
                "SELECT action FROM audit_trail WHERE subject_kind = 'redemptionApplication' AND subject_id = \(id.lowercased()) ORDER BY seq"
            ).map { try $0.decode("action", as: String.self) }
            #expect(audit.count == 5)
            #expect(try await h.events(RedemptionApplicationSubmitted.eventType).count == 1)
            #expect(try await h.events(RedemptionApplicationReturned.eventType).first?["reason"] as? String == "审计报告未盖章")
            #expect(try await h.events(RedemptionApplicationResubmitted.eventType).count == 1)
            #expect(try await h.events(RedemptionApplicationAccepted.eventType).first?["processingDays"] as? Int == 15)
            let conclusion = try #require(try await h.events(RedemptionApplicationConcluded.eventType).first)
            #expect(conclusion["decision"] as? String == "approved")
            #expect(conclusion["grantedAmount"] as? String == "300000.50")
            #expect(conclusion["onTime"] as? Bool == true)
            #expect((conclusion["application"] as? [String: Any])?["enterpriseID"] as? String == h.enterpriseID.uuidString)

            // Concluded, the enterprise may apply again.
            let next = try await h.call(
                client, .post, "/redemption-items/\(itemID)/applications", as: member, json: ["materials": try await materials(h, client, as: member)])
            #expect(next.status == .created, "\(next.text)")
        }
    }

    @Test("materials are checked against the item's list and the window against Beijing's date: each refusal names what is wrong")
    func materialsAndWindow() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let itemID = try await item(h, client)
            let member = h.member()
            let path = "/redemption-items/\(itemID)/applications"
            let good = try await materials(h, client, as: member)

            let missing = try await h.call(client, .post, path, as: member, json: ["materials": [good[0]]])
            #expect(missing.status == .badRequest)
            #expect(missing.errorField == "materials")
            #expect(missing.text.contains("研发费用专项审计报告"))
            let picture = try #require(try await upload(h, client, as: member, bytes: Self.png, name: "报告.png").string("id"))
            let wrongType = try await h.call(
                client, .post, path, as: member, json: ["materials": [good[0], ["name": "研发费用专项审计报告", "fileID": picture]]])
            #expect(wrongType.errorField == "materials[1].fileID")
            #expect(wrongType.text.contains("PDF"))
            let optionalPicture = try await h.call(
                client, .post, path, as: member, json: ["materials": good + [["name": "其他证明材料", "fileID": picture]]])
            #expect(optionalPicture.status == .created, "the optional material takes PNG: \(optionalPicture.text)")

            let other = h.member(UUID())
            let stranger = try await h.call(client, .post, path, as: other, json: ["materials": good])
            #expect(stranger.status == .notFound)
            #expect(stranger.errorField == "materials[0].fileID")
            let unknown = try await h.call(
                client, .post, path, as: other, json: ["materials": [["name": "营业执照", "fileID": UUID().uuidString]]])
            #expect(unknown.errorField == "materials[0].name")
            #expect(try await h.call(client, .post, path, as: other, json: [String: Any]()).errorField == "materials")
            #expect(try await upload(h, client, as: other, bytes: Array("no pdf".utf8)).errorField == "body")

            // Outside the window; an individual item takes persons, an enterprise item members.
            let closed = try await item(h, client, from: -10, to: -1)
            let late = try await h.call(client, .post, "/redemption-items/\(closed)/applications", as: member, json: ["materials": good])
            #expect(late.status == .conflict)
            #expect(late.errorField == "window")
            let notYet = try await item(h, client, from: 2, to: 9)
            #expect(try await h.call(client, .post, "/redemption-items/\(notYet)/applications", as: member, json: ["materials": good]).errorField == "window")
            let person = h.person
            #expect(try await h.call(client, .post, path, as: person, json: ["materials": try await materials(h, client, as: person)]).status == .forbidden)
            let individual = try await item(h, client, applicant: "individual")
            let own = try await h.call(
                client, .post, "/redemption-items/\(individual)/applications", as: person, json: ["materials": try await materials(h, client, as: person)])
            #expect(own.status == .created, "\(own.text)")
            #expect(own["enterpriseID"] == nil)
            #expect(try await h.call(client, .get, "/redemption-applications", as: person).items.count == 1)
            // A member applying for an individual item applies as themself: it is theirs, not the enterprise's.
            let memberAsPerson = h.member()
            let ownToo = try await h.call(
                client, .post, "/redemption-items/\(individual)/applications", as: memberAsPerson,
                json: ["materials": try await materials(h, client, as: memberAsPerson)])
            #expect(ownToo.status == .created, "\(ownToo.text)")
            #expect(ownToo["enterpriseID"] == nil)
            #expect(try await h.call(client, .get, "/redemption-applications?itemID=\(individual)", as: memberAsPerson).items.count == 1)
            #expect(try await h.call(client, .get, "/redemption-applications?itemID=\(individual)", as: h.member()).items.isEmpty)
            #expect(try await h.call(client, .post, "/redemption-items/\(UUID())/applications", as: member, json: ["materials": good]).status == .notFound)
        }
    }

    @Test("processing is timed in working days from acceptance, across the Spring Festival holiday; due-soon and overdue are marked once each, evented, and shown by the traffic light")
    func processingLimit() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let sinceNewYear = Int(Date().timeIntervalSince(try Date("2026-01-01T00:00:00+08:00", strategy: .iso8601)) / 86_400) + 1
            let itemID = try await item(h, client, from: -sinceNewYear, days: 5)
            let member = h.member()
            let entries = try await materials(h, client, as: member).map { (name: $0["name"] as! String, fileID: UUID(uuidString: $0["fileID"] as! String)!) }
            let workflow = ApplicationWorkflow(dependencies: h.dependencies)
            let tuesday = try Date("2026-02-10T10:00:00+08:00", strategy: .iso8601)
            let submitted = try await workflow.submit(to: UUID(uuidString: itemID)!, materials: entries, by: member, at: tuesday)
            let accepted = try await workflow.accept(submitted.id, by: h.reviewer(h.unit), at: tuesday.addingTimeInterval(3600))
            // 11, 12, 13 Feb, 14 Feb (a make-up working Saturday), then 15–23 Feb off, 24 Feb the fifth.
            #expect(accepted.dueAt == (try Date("2026-02-25T00:00:00+08:00", strategy: .iso8601)))
            #expect(accepted.dueSoonAt == (try Date("2026-02-24T00:00:00+08:00", strategy: .iso8601)))

            let scheduler = ApplicationDeadlines.Scheduler(dependencies: h.dependencies)
            #expect(try await scheduler.tick(at: try Date("2026-02-23T12:00:00+08:00", strategy: .iso8601)) == .init())
            let lastDay = try Date("2026-02-24T09:00:00+08:00", strategy: .iso8601)
            #expect(try await scheduler.tick(at: lastDay).dueSoon == 1)
            #expect(try await scheduler.tick(at: lastDay.addingTimeInterval(600)).dueSoon == 0)
            #expect(ApplicationView(accepted, now: lastDay).light == .yellow)
            let after = try Date("2026-02-25T08:00:00+08:00", strategy: .iso8601)
            #expect(try await scheduler.tick(at: after).overdue == 1)
            #expect(try await scheduler.tick(at: after.addingTimeInterval(600)) == .init())
            #expect(ApplicationView(accepted, now: after).light == .red)
            #expect(try await h.events(RedemptionApplicationDueSoon.eventType).count == 1)
            #expect(try await h.events(RedemptionApplicationOverdue.eventType).count == 1)

            let shown = try await h.call(client, .get, "/redemption-applications/\(submitted.id)", as: member)
            #expect(shown["marks"] as? [String] == ["dueSoon", "overdue"])
            #expect(shown.string("light") == "red")
            #expect(try await h.call(client, .get, "/redemption-applications?overdue=true", as: h.reviewer(h.unit)).items.count == 1)
            let late = try await workflow.conclude(submitted.id, (.rejected, nil, "不符合申报条件"), by: h.reviewer(h.unit), at: after)
            #expect(late.status == .rejected)
            #expect(try await h.events(RedemptionApplicationConcluded.eventType).first?["onTime"] as? Bool == false)
        }
    }

    @Test("who may do what: guests 401; applicants and the unit see an application, others 404; inspectors see all but act on none; materials' files only to the application's readers")
    func access() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let itemID = try await item(h, client)
            let member = h.member()
            let entries = try await materials(h, client, as: member)
            let id = try #require(
                try await h.call(client, .post, "/redemption-items/\(itemID)/applications", as: member, json: ["materials": entries]).string("id"))
            let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
            let liaison = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["liaison"], unitID: h.unit)
            for path in ["/redemption-applications", "/redemption-applications/\(id)"] {
                #expect(try await h.call(client, .get, path, as: nil).status == .unauthorized)
            }
            #expect(try await upload(h, client, as: nil).status == .unauthorized)
            #expect(try await upload(h, client, as: h.editor(h.unit)).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/applications", as: h.editor(h.unit), json: ["materials": entries]).status == .forbidden)
            #expect(try await h.call(client, .get, "/redemption-applications/\(id)", as: h.member(UUID())).status == .notFound)
            #expect(try await h.call(client, .get, "/redemption-applications/\(id)", as: h.reviewer(h.otherUnit)).status == .notFound)
            #expect(try await h.call(client, .get, "/redemption-applications/\(id)", as: inspector).status == .ok)
            #expect(try await h.call(client, .get, "/redemption-applications", as: inspector).items.count == 1)
            #expect(try await h.call(client, .get, "/redemption-applications", as: liaison).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: inspector).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: liaison).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: h.editor(h.otherUnit)).status == .notFound)
            #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: member).status == .forbidden)
            #expect(try await h.call(client, .put, "/redemption-applications/\(id)/materials", as: h.member(UUID()), json: ["materials": entries]).status == .notFound)

            let fileID = try #require(entries.first?["fileID"] as? String)
            for (caller, expected) in [(member, HTTPResponse.Status.ok), (h.member(), .ok), (h.editor(h.unit), .ok), (inspector, .ok),
                                        (h.member(UUID()), .notFound), (h.editor(h.otherUnit), .notFound)] {
                #expect(try await h.call(client, .get, "/application-files/\(fileID)", as: caller).status == expected)
            }
            let unused = try #require(try await upload(h, client, as: member).string("id"))
            #expect(try await h.call(client, .get, "/application-files/\(unused)", as: member).status == .ok)
            #expect(try await h.call(client, .get, "/application-files/\(unused)", as: h.editor(h.unit)).status == .notFound)
        }
    }
}
