import Contracts
import Foundation
import Testing
@testable import IdentityApp

@Suite("Membership authorization")
struct MembershipTests {
    @Test("apply → admin sees it masked → grant member for 3 months → the token carries it → expiry → event, and new tokens carry none")
    func grantAndExpire() async throws {
        try await IdentityHarness.run { client, harness in
            // The founder registers the enterprise; a platform admin approves it.
            #expect(try await client.call(.post, "/persons", json: PersonAccountTests.registration("founder", id: Samples.idNumber("41040219800101001"), phone: "13811110000")).status == .created)
            #expect(try await client.call(.post, "/persons", json: PersonAccountTests.registration("worker", id: Samples.idNumber("41040219900202002"), phone: "13822220000")).status == .created)
            let founder = try #require(try await client.signIn("founder", "Abcdef12").string("accessToken"))
            let uscc = Samples.uscc()
            let registered = try await client.call(.post, "/enterprises/registrations", json: Samples.enterprise(uscc: uscc), bearer: "Bearer " + founder)
            let enterpriseID = try #require(registered.string("id"))
            let admin = try await harness.official("platform", roles: [.platformAdmin])
            #expect(try await client.call(.post, "/enterprises/\(enterpriseID)/approval", bearer: try await harness.bearer(official: admin, roles: [.platformAdmin])).status == .ok)
            let founderSession = try await client.signIn("founder", "Abcdef12")
            let founderClaims = try #require(founderSession.json["claims"] as? [String: Any])
            #expect((founderClaims["membership"] as? [String: Any])?["role"] as? String == "admin")
            let adminBearer = "Bearer " + (founderSession.string("accessToken") ?? "")

            // The worker applies.
            let workerSession = try await client.signIn("worker", "Abcdef12")
            let worker = "Bearer " + (workerSession.string("accessToken") ?? "")
            #expect(try await client.call(.post, "/memberships/applications", json: ["uscc": String(uscc.dropLast()) + (uscc.last == "0" ? "1" : "0")], bearer: worker).errorField == "uscc")
            let applied = try await client.call(.post, "/memberships/applications", json: ["uscc": uscc, "note": "财务人员"], bearer: worker)
            #expect(applied.status == .created)
            let applicationID = try #require(applied.string("id"))
            #expect(try await client.call(.post, "/memberships/applications", json: ["uscc": uscc], bearer: worker).status == .conflict)

            // The enterprise admin sees it, with the applicant's personal data masked.
            let pending = try await client.call(.get, "/enterprises/\(enterpriseID)/membership-applications?status=pending", bearer: adminBearer)
            #expect(pending.json["total"] as? Int == 1)
            let applicant = try #require(pending.items.first?["applicant"] as? [String: Any])
            #expect(applicant["phone"] as? String == "138****0000")
            #expect(try await client.call(.get, "/enterprises/\(enterpriseID)/membership-applications", bearer: worker).status == .notFound)

            let badPeriod = try await client.call(.post, "/membership-applications/\(applicationID)/grant", json: ["role": "member", "period": "2w"], bearer: adminBearer)
            #expect(badPeriod.errorField == "period")
            let granted = try await client.call(.post, "/membership-applications/\(applicationID)/grant", json: ["role": "member", "period": "3m"], bearer: adminBearer)
            #expect(granted.string("status") == "granted")
            #expect(try await client.call(.post, "/membership-applications/\(applicationID)/grant", json: ["role": "member", "period": "3m"], bearer: adminBearer).status == .conflict)

            // The worker's next token acts for the enterprise.
            let refreshed = try await client.call(.post, "/sessions/refresh", json: ["refreshToken": workerSession.string("refreshToken") ?? ""])
            let membership = try #require((refreshed.json["claims"] as? [String: Any])?["membership"] as? [String: Any])
            #expect(membership["uscc"] as? String == uscc)
            #expect(membership["role"] as? String == "member")
            #expect(try await client.call(.get, "/enterprises/\(enterpriseID)/members", bearer: worker).status == .forbidden)

            // The period ends.
            try await harness.pool.execute("UPDATE memberships SET expires_at = now() - interval '1 second' WHERE role = 'member'")
            #expect(try await MembershipExpiryJob(runtime: harness.runtime).sweep().expired == 1)
            #expect(try await MembershipExpiryJob(runtime: harness.runtime).sweep().expired == 0)
            let expired = try await harness.outboxPayloads(MembershipExpired.eventType)
            #expect(expired.count == 1)
            let after = try await client.call(.post, "/sessions/refresh", json: ["refreshToken": refreshed.string("refreshToken") ?? ""])
            #expect(after.status == .ok)
            #expect((after.json["claims"] as? [String: Any])?["membership"] == nil)
            // The person may apply again.
            #expect(try await client.call(.post, "/memberships/applications", json: ["uscc": uscc], bearer: worker).status == .created)

            // The last admin cannot be revoked.
            let members = try await client.call(.get, "/enterprises/\(enterpriseID)/members", bearer: adminBearer)
            let adminMembership = try #require(members.items.first { $0["role"] as? String == "admin" }?["id"] as? String)
            let revoke = try await client.call(
                .post, "/enterprises/\(enterpriseID)/members/\(adminMembership)/revocation", json: ["reason": "离职"], bearer: adminBearer)
            #expect(revoke.status == .conflict)
            #expect(revoke.errorMessage.contains("last admin"))
        }
    }

    @Test("memberships ending within the notice period are announced once")
    func expiringNotice() async throws {
        try await IdentityHarness.run { client, harness in
            let accountID = UUID()
            let enterpriseID = UUID()
            try await harness.pool.execute(
                "INSERT INTO accounts (id, kind, username, real_name, password_hash) VALUES (\(accountID), 'person', 'soon', '钱七', 'x')")
            try await harness.pool.execute(
                """
                INSERT INTO enterprises (id, uscc, name, region, industry, ownership, employee_band, principal_name, status, origin)
                VALUES (\(enterpriseID), \(Samples.uscc()), '即将到期公司', '410402', 'C', 'private', '1-19', '钱', 'approved', 'imported')
                """)
            try await harness.pool.execute(
                """
                INSERT INTO memberships (id, enterprise_id, account_id, role, status, expires_at)
                VALUES (\(UUID()), \(enterpriseID), \(accountID), 'member', 'active', now() + interval '3 days')
                """)
            let job = MembershipExpiryJob(runtime: harness.runtime)
            #expect(try await job.sweep().expiring == 1)
            #expect(try await job.sweep().expiring == 0)
            let payloads = try await harness.outboxPayloads(MembershipExpiring.eventType)
            #expect(payloads.count == 1)
            #expect(payloads.first?["enterpriseName"] as? String == "即将到期公司")
            let expired = try await harness.outboxPayloads(MembershipExpired.eventType)
            #expect(expired.isEmpty)
            _ = client
        }
    }
}
