import Foundation
@testable import IdentityApp
import Testing

/// Account guide item 2 (我的资料 — 修改工作单位、职务、邮箱).
@Suite("An official's own profile")
struct OwnProfileTests {
    @Test("an official keeps their own work unit, title and e-mail; the e-mail is sealed; each change is audited; persons cannot")
    func ownProfile() async throws {
        try await IdentityHarness.run { client, harness in
            let id = try await harness.official("baolian", roles: [.liaison], unit: "00000000-0000-4000-8000-000000000113")
            let me = try await harness.bearer(official: id, roles: [.liaison])
            let empty = try await client.call(.get, "/me/profile", bearer: me)
            #expect(empty.status == .ok)
            #expect(empty.string("unitName") == "市统计局")
            #expect(empty.json["email"] == nil)

            let bad = try await client.call(.put, "/me/profile", json: ["email": "not-an-address"], bearer: me)
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "email")
            #expect(try await client.call(.put, "/me/profile", json: ["title": String(repeating: "长", count: 101)], bearer: me).errorField == "title")

            let saved = try await client.call(
                .put, "/me/profile", json: ["workUnit": "市统计局综合科", "title": "科长", "email": "baolian@pds.gov.cn"], bearer: me)
            #expect(saved.status == .ok)
            #expect(saved.string("workUnit") == "市统计局综合科")
            #expect(saved.string("title") == "科长")
            #expect(saved.string("email") == "baolian@pds.gov.cn")
            let again = try await client.call(.get, "/me/profile", bearer: me)
            #expect(again.string("email") == "baolian@pds.gov.cn")
            #expect(again.string("workUnit") == "市统计局综合科")

            let sealed = try await harness.pool.query("SELECT email_sealed FROM accounts WHERE id = \(id)")[0]
                .decode("email_sealed", as: Data.self)
            #expect(!String(decoding: sealed, as: UTF8.self).contains("baolian@"))

            let admin = try await harness.official("auditor", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let audit = try await client.call(.get, "/admin/audit?action=account.updated&subjectID=account:\(id.uuidString)", bearer: platform)
            #expect(audit.items.count == 1)
            #expect((audit.items.first?["actorID"] as? String)?.lowercased() == id.uuidString.lowercased())

            let person = try await harness.bearer(.init(accountID: UUID(), accountKind: .person))
            #expect(try await client.call(.get, "/me/profile", bearer: person).status == .forbidden)
            #expect(try await client.call(.put, "/me/profile", json: ["title": "x"]).status == .unauthorized)
        }
    }
}
