import Contracts
import Foundation
@testable import IdentityApp
import Testing

@Suite("Enterprise import and upkeep")
struct EnterpriseUpkeepTests {
    @Test("CSV import takes the valid rows and reports each rejected row with its field and reason")
    func csvImport() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("importer", roles: [.platformAdmin])
            let bearer = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let good = Samples.uscc("91410400MA0000011")
            let badCheck = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
            let csv = """
                uscc,name,region,industry,ownership,employeeBand,address,principalName,principalTitle,principalPhone,contactName,contactTitle,contactPhone,overview,tags
                \(good),"平顶山导入一号, 有限公司",410421,C,private,20-99,宝丰县,王五,经理,13711112222,,,,,制造业;专精特新
                \(badCheck),导入二号,410421,C,private,20-99,,王六,,13711113333,,,,,
                \(Samples.uscc("91410400MA0000012")),导入三号,999999,C,private,20-99,,王七,,13711114444,,,,,
                \(good),重复,410421,C,private,20-99,,王八,,13711115555,,,,,

                """
            let report = try await client.call(.post, "/enterprises/imports", bearer: bearer, raw: csv, contentType: "text/csv")
            #expect(report.status == .ok)
            #expect(report.json["rows"] as? Int == 4)
            #expect(report.json["imported"] as? Int == 1)
            let rejected = try #require(report.json["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["line"] as? Int } == [3, 4, 5])
            #expect(rejected.map { $0["field"] as? String } == ["uscc", "region", "uscc"])
            let listed = try await client.call(.get, "/enterprises?status=approved", bearer: bearer)
            #expect(listed.items.first?["name"] as? String == "平顶山导入一号, 有限公司")
            #expect(listed.items.first?["tags"] as? [String] == ["专精特新", "制造业"])
            let events = try await harness.outboxPayloads(EnterpriseRegistered.eventType)
            #expect(events.count == 1)
            #expect(events.first?["origin"] as? String == "imported")
        }
    }

    @Test("the enterprise's admin updates the profile: history with masked phones, EnterpriseUpdated with the changed fields")
    func upkeep() async throws {
        try await IdentityHarness.run { client, harness in
            let admin = try await harness.official("imp2", roles: [.platformAdmin])
            let platform = try await harness.bearer(official: admin, roles: [.platformAdmin])
            let uscc = Samples.uscc("91410400MA0000021")
            let header = EnterpriseImport.columns.joined(separator: ",")
            _ = try await client.call(
                .post, "/enterprises/imports", bearer: platform,
                raw: header + "\n\(uscc),维护公司,410402,C,private,20-99,,法人,,13711110000,,,,,\n", contentType: "text/csv")
            let id = try #require(try await client.call(.get, "/enterprises", bearer: platform).items.first?["id"] as? String)
            let person = UUID()
            try await harness.pool.execute("INSERT INTO accounts (id, kind, username, real_name, password_hash) VALUES (\(person), 'person', 'keeper', '维护人', 'x')")
            try await harness.pool.execute(
                "INSERT INTO memberships (id, enterprise_id, account_id, role, status, expires_at) VALUES (\(UUID()), \(UUID(uuidString: id)!), \(person), 'admin', 'active', now() + interval '1 day')")
            let keeper = try await harness.bearer(AccessClaims(accountID: person, accountKind: .person))
            let bad = try await client.call(.patch, "/enterprises/\(id)", json: ["principal": ["phone": "12345"]], bearer: keeper)
            #expect(bad.errorField == "principal.phone")
            let updated = try await client.call(
                .patch, "/enterprises/\(id)", json: ["principal": ["phone": "13799998888"], "tags": ["新标签"], "overview": "新的简介"], bearer: keeper)
            #expect(updated.status == .ok)
            #expect((updated.json["principal"] as? [String: Any])?["phone"] as? String == "13799998888")
            let changes = try await client.call(.get, "/enterprises/\(id)/changes", bearer: keeper)
            let fields = Set(changes.items.compactMap { $0["field"] as? String })
            #expect(fields == ["principal.phone", "tags", "overview"])
            let phoneChange = changes.items.first { $0["field"] as? String == "principal.phone" }
            #expect(phoneChange?["newValue"] as? String == "137****8888")
            let event = try #require(try await harness.outboxPayloads(EnterpriseUpdated.eventType).first)
            #expect(Set(event["changedFields"] as? [String] ?? []) == fields)
            #expect(!(String(data: try JSONSerialization.data(withJSONObject: event), encoding: .utf8) ?? "").contains("13799998888"))
        }
    }
}
