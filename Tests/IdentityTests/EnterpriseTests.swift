import Contracts
import Foundation
@testable import IdentityApp
import Testing

@Suite("Enterprises")
struct EnterpriseTests {
    static func person(_ client: Any, _ harness: IdentityHarness, _ username: String, id: String) async throws -> (UUID, String) {
        let accountID = UUID()
        try await harness.pool.execute(
            """
            INSERT INTO accounts (id, kind, username, real_name, password_hash) VALUES (\(accountID), 'person', \(username), '赵六', 'x')
            """)
        let bearer = try await harness.bearer(AccessClaims(accountID: accountID, accountKind: .person))
        return (accountID, bearer)
    }

    @Test("online registration checks the USCC, waits for review; approval makes the registrant admin; rejection carries a reason")
    func registrationReview() async throws {
        try await IdentityHarness.run { client, harness in
            let (_, applicant) = try await Self.person(client, harness, "founder", id: "")
            let admin = try await harness.official("reviewer", roles: [.platformAdmin])
            let adminBearer = try await harness.bearer(official: admin, roles: [.platformAdmin])

            let valid = Samples.uscc()
            var body = Samples.enterprise(uscc: String(valid.dropLast()) + (valid.last == "0" ? "1" : "0"))
            let bad = try await client.call(.post, "/enterprises/registrations", json: body, bearer: applicant)
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "uscc")
            body["uscc"] = Samples.uscc()
            body["region"] = "110101"
            #expect(try await client.call(.post, "/enterprises/registrations", json: body, bearer: applicant).errorField == "region")
            body["region"] = "410471"
            #expect(try await client.call(.post, "/enterprises/registrations", json: body).status == .unauthorized)

            let registered = try await client.call(.post, "/enterprises/registrations", json: body, bearer: applicant)
            #expect(registered.status == .created)
            #expect(registered.string("status") == "pending")
            let id = try #require(registered.string("id"))
            #expect(try await client.call(.post, "/enterprises/registrations", json: body, bearer: applicant).errorField == "uscc")

            let pending = try await client.call(.get, "/enterprises?status=pending", bearer: adminBearer)
            #expect(pending.json["total"] as? Int == 1)
            let approved = try await client.call(.post, "/enterprises/\(id)/approval", bearer: adminBearer)
            #expect(approved.string("status") == "approved")
            let twice = try await client.call(.post, "/enterprises/\(id)/approval", bearer: adminBearer)
            #expect(twice.status == .conflict)
            #expect(twice.errorMessage.contains("approved"))

            let signedIn = try await client.call(.get, "/enterprises/\(id)", bearer: applicant)
            #expect(signedIn.status == .ok)
            #expect((signedIn.json["principal"] as? [String: Any])?["phone"] as? String == "13712345678")
            let history = try await client.call(.get, "/enterprises/\(id)/status-history", bearer: applicant)
            #expect(history.items.compactMap { $0["status"] as? String } == ["pending", "approved"])

            var other = Samples.enterprise(uscc: Samples.uscc("91410400MA0000002"), name: "另一家")
            other["tags"] = []
            let second = try await client.call(.post, "/enterprises/registrations", json: other, bearer: applicant)
            let secondID = try #require(second.string("id"))
            #expect(try await client.call(.post, "/enterprises/\(secondID)/rejection", json: [:], bearer: adminBearer).errorField == "reason")
            let rejected = try await client.call(.post, "/enterprises/\(secondID)/rejection", json: ["reason": "营业执照不清晰"], bearer: adminBearer)
            #expect(rejected.string("status") == "rejected")
            #expect(rejected.string("rejectReason") == "营业执照不清晰")

            let types = try await harness.outboxTypes()
            #expect(types.filter { $0 == EnterpriseRegistered.eventType }.count == 2)
            #expect(types.contains(EnterpriseApproved.eventType))
            #expect(types.contains(EnterpriseRejected.eventType))
            #expect(types.contains(MembershipGranted.eventType))
            let general = try await harness.pool.query("SELECT convert_from(payload, 'UTF8') AS p FROM outbox WHERE topic = \(Topic.identity.name)")
            #expect(try general.allSatisfy { !(try $0.decode("p", as: String.self)).contains("13712345678") })

            // A stranger and an inspector: 404 and masked.
            let (_, stranger) = try await Self.person(client, harness, "stranger", id: "")
            #expect(try await client.call(.get, "/enterprises/\(id)", bearer: stranger).status == .notFound)
            let inspector = try await harness.official("eye", roles: [.inspector])
            let seen = try await client.call(.get, "/enterprises/\(id)", bearer: try await harness.bearer(official: inspector, roles: [.inspector]))
            #expect((seen.json["principal"] as? [String: Any])?["phone"] as? String == "137****5678")
        }
    }

    @Test("the name search takes % and _ literally: they match only names containing them")
    func searchEscapesWildcards() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("searcher", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let header = EnterpriseImport.columns.joined(separator: ",")
            let rows = [
                "\(Samples.uscc("91410400MA0000031")),平顶山甲有限公司,410402,C,private,20-99,,法人,,13711110001,,,,,",
                "\(Samples.uscc("91410400MA0000032")),平顶山乙有限公司,410402,C,private,20-99,,法人,,13711110002,,,,,",
                "\(Samples.uscc("91410400MA0000033")),百分之百%公司,410402,C,private,20-99,,法人,,13711110003,,,,,",
            ]
            let report = try await client.call(
                .post, "/enterprises/imports", bearer: platform, raw: ([header] + rows).joined(separator: "\n") + "\n",
                contentType: "text/csv")
            #expect(report.json["imported"] as? Int == 3)
            #expect(try await client.call(.get, "/enterprises?q=%E5%B9%B3%E9%A1%B6%E5%B1%B1", bearer: platform).items.count == 2)
            let percent = try await client.call(.get, "/enterprises?q=%25", bearer: platform)
            #expect(percent.status == .ok)
            #expect(percent.items.compactMap { $0["name"] as? String } == ["百分之百%公司"])
            #expect(try await client.call(.get, "/enterprises?q=_", bearer: platform).items.isEmpty)
            #expect(try await client.call(.get, "/enterprises?q=%25%25", bearer: platform).items.isEmpty)
        }
    }

    @Test("registration refuses a Pingdingshan enterprise whose USCC names another province's registering authority; an admin's import still takes it")
    func registeringAuthorityOfRegion() async throws {
        try await IdentityHarness.run { client, harness in
            let (_, applicant) = try await Self.person(client, harness, "founder", id: "")
            let admin = try await harness.official("importer", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let hubei = Samples.uscc("91420300MA0000041")  // characters 3–8: 420300, Shiyan (Hubei)
            let refused = try await client.call(
                .post, "/enterprises/registrations", json: Samples.enterprise(uscc: hubei), bearer: applicant)
            #expect(refused.status == .badRequest)
            #expect(refused.errorField == "uscc")
            #expect(refused.errorMessage.contains("division"))
            // Another authority of Henan (Zhengzhou) or a central one may have registered it.
            for code in [Samples.uscc("91410100MA0000042"), Samples.uscc("91100000MA0000043")] {
                let accepted = try await client.call(
                    .post, "/enterprises/registrations", json: Samples.enterprise(uscc: code, name: "企业\(code)"), bearer: applicant)
                #expect(accepted.status == .created)
            }
            let header = EnterpriseImport.columns.joined(separator: ",")
            let report = try await client.call(
                .post, "/enterprises/imports", bearer: platform,
                raw: header + "\n\(hubei),迁入平顶山有限公司,410402,C,private,20-99,,法人,,13711110004,,,,,\n", contentType: "text/csv")
            #expect(report.json["imported"] as? Int == 1)
        }
    }
}
