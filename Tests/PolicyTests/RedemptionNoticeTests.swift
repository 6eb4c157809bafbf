@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Testing

@Suite("信息公示: approved applications published as notices, and the public project look-up, without personal data")
struct RedemptionNoticeTests {
    let applications = RedemptionApplicationTests()

    /// An application by `applicant` for `itemID`, accepted and concluded as `decision`.
    @discardableResult
    func concluded(
        _ h: PolicyHarness, _ client: some TestClientProtocol, item itemID: String, by applicant: AccessClaims, approved amount: String?
    ) async throws -> String {
        let submitted = try await h.call(
            client, .post, "/redemption-items/\(itemID)/applications", as: applicant,
            json: ["materials": try await applications.materials(h, client, as: applicant)])
        let id = try #require(submitted.string("id"), "\(submitted.text)")
        let officer = h.reviewer(h.unit)
        #expect(try await h.call(client, .post, "/redemption-applications/\(id)/accept", as: officer).status == .ok)
        let conclusion: [String: Any] = amount.map { ["decision": "approved", "grantedAmount": $0] } ?? ["decision": "rejected", "note": "不符合条件"]
        #expect(try await h.call(client, .post, "/redemption-applications/\(id)/conclude", as: officer, json: conclusion).status == .ok)
        return id
    }

    @Test("the unit publishes the approved applications as a notice with enterprise names and amounts only; individuals are never named; a second notice lists only the newly approved; lists by state and keyword")
    func notices() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let itemID = try await applications.item(h, client)
            let other = UUID()
            try await h.dependencies.pool.withTransaction { connection in
                try await IdentityProjection.upsert(
                    EnterpriseProfile(enterpriseID: other, uscc: "91410400MA00000B2", name: "平顶山建工集团有限公司", region: "410402", industry: "E", tags: []),
                    status: "approved", at: Date(), on: connection)
            }
            let applicants = [h.member(), h.member(other)]
            let applicantIDs = applicants.map { $0.accountID.uuidString.lowercased() }
            try await concluded(h, client, item: itemID, by: applicants[0], approved: "300000")
            try await concluded(h, client, item: itemID, by: applicants[1], approved: "120000.50")
            let individualItem = try await applications.item(h, client, applicant: "individual")
            let person = h.person
            try await concluded(h, client, item: individualItem, by: person, approved: "5000")

            let notice = ["title": "2026年度建筑业企业研发投入奖补拟兑现名单公示", "body": "公示期内如有异议，请致电0375-2661234。", "deadline": RedemptionItemTests.day(7)]
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: nil, json: notice).status == .unauthorized)
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: h.member(), json: notice).status == .forbidden)
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: h.reviewer(h.otherUnit), json: notice).status == .notFound)
            var past = notice
            past["deadline"] = RedemptionItemTests.day(-1)
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: h.reviewer(h.unit), json: past).errorField == "deadline")

            let published = try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: h.reviewer(h.unit), json: notice)
            #expect(published.status == .created, "\(published.text)")
            #expect(published["approvedCount"] as? Int == 2)
            #expect(published.string("totalAmount") == "420000.50")
            let entries = published["entries"] as? [[String: Any]] ?? []
            #expect(entries.compactMap { $0["applicant"] as? String } == ["平顶山示范制造有限公司", "平顶山建工集团有限公司"])
            #expect(entries.compactMap { $0["amount"] as? String } == ["300000.00", "120000.50"])
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: h.reviewer(h.unit), json: notice).status == .conflict)

            let individualNotice = try await h.call(client, .post, "/redemption-items/\(individualItem)/notices", as: h.editor(h.unit), json: notice)
            #expect(individualNotice.status == .created)
            let id = try #require(individualNotice.string("id"))
            let shown = try await h.call(client, .get, "/redemption-notices/\(id)", as: nil)
            #expect((shown["entries"] as? [[String: Any]])?.first?["applicant"] as? String == "个人申报人")
            #expect(!shown.text.contains(person.accountID.uuidString))
            #expect(!shown.text.contains(h.enterpriseID.uuidString), "no applicant's id either")
            for page in [shown.text, published.text, try await h.call(client, .get, "/redemption-notices", as: nil).text] {
                #expect(page.range(of: #"1[3-9][0-9]{9}|[0-9]{17}[0-9Xx]"#, options: .regularExpression) == nil, "no mobile or ID number")
                #expect(!page.lowercased().contains(applicantIDs[0]) && !page.lowercased().contains(applicantIDs[1]))
            }

            let open = try await h.call(client, .get, "/redemption-notices?open=true", as: nil)
            #expect(open.items.count == 2)
            #expect(open.items.allSatisfy { $0["entries"] == nil && $0["open"] as? Bool == true })
            #expect(try await h.call(client, .get, "/redemption-notices?open=false", as: nil).items.isEmpty)
            #expect(try await h.call(client, .get, "/redemption-notices?q=\("名单".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", as: nil).items.count == 2)
            #expect(try await h.call(client, .get, "/redemption-notices?q=xyz", as: nil).items.isEmpty)
            #expect(try await h.call(client, .get, "/redemption-notices?open=maybe", as: nil).errorField == "open")
            #expect(try await h.call(client, .get, "/redemption-notices/\(UUID())", as: nil).status == .notFound)
            let event = try #require(try await h.events(RedemptionNoticePublished.eventType).first)
            #expect((event["notice"] as? [String: Any])?["approvedCount"] as? Int == 2)
        }
    }

    @Test("anyone looks a project up by name: its items, how many applications are at each stage, and the published results without personal data")
    func projectLookUp() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let itemID = try await applications.item(h, client)
            try await concluded(h, client, item: itemID, by: h.member(), approved: "300000")
            let other = h.member(UUID())
            let pending = try await h.call(
                client, .post, "/redemption-items/\(itemID)/applications", as: other, json: ["materials": try await applications.materials(h, client, as: other)])
            #expect(pending.status == .created)
            let name = "科技创新".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

            let before = try await h.call(client, .get, "/redemption-projects?name=\(name)", as: nil)
            #expect(before.items.count == 1)
            let stages = before.items.first?["stages"] as? [String: Int]
            #expect(stages == ["approved": 1, "received": 1])
            #expect((before.items.first?["results"] as? [Any])?.isEmpty == true, "results show once published in a notice")

            let notice = ["title": "拟兑现名单公示", "body": "公示七日。", "deadline": RedemptionItemTests.day(7)]
            #expect(try await h.call(client, .post, "/redemption-items/\(itemID)/notices", as: h.reviewer(h.unit), json: notice).status == .created)
            let after = try await h.call(client, .get, "/redemption-projects?name=\(name)", as: nil)
            let results = after.items.first?["results"] as? [[String: Any]] ?? []
            #expect(results.compactMap { $0["applicant"] as? String } == ["平顶山示范制造有限公司"])
            #expect(try await h.call(client, .get, "/redemption-projects?name=nothing", as: nil).items.isEmpty)
            #expect(try await h.call(client, .get, "/redemption-projects", as: nil).errorField == "name")
        }
    }
}
