@testable import PolicyApp
import Foundation
import HummingbirdTesting
import Testing

/// The rules `openapi.yaml` states, kept by the server (issue 11: what the document allows is taken,
/// what it forbids is a field-named 400, what only the data decides is a 404 naming the field).
@Suite("Policy input rules: the document's patterns, enums and 404s hold over HTTP")
struct PolicyInputRulesTests {
    @Test("a reference list's `all` is true or false; anything else names `all`")
    func allFlag() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            for path in ["/policy-types", "/subsidy-types", "/tags"] {
                let odd = try await h.call(client, .get, "\(path)?all=AAA", as: nil)
                #expect(odd.status == .badRequest, "\(path)")
                #expect(odd.errorField == "all")
                #expect(try await h.call(client, .get, "\(path)?all=", as: h.platformAdmin).errorField == "all")
                #expect(try await h.call(client, .get, "\(path)?all=false", as: nil).status == .ok)
                #expect(try await h.call(client, .get, "\(path)?all=true", as: h.platformAdmin).status == .ok)
            }
        }
    }

    @Test("a type's code is taken as sent (no blanks around it); a tag's code and a name refuse control characters")
    func termCodes() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let admin = h.platformAdmin
            let padded = try await h.call(client, .post, "/policy-types", as: admin, json: ["code": " energy", "name": "能源"])
            #expect(padded.status == .badRequest)
            #expect(padded.errorField == "code")
            #expect(try await h.call(client, .post, "/policy-types", as: admin, json: ["code": "energy", "name": "能源"]).status == .created)
            #expect(try await h.call(client, .post, "/tags", as: admin, json: ["code": "新能源\u{1}", "name": "新能源"]).errorField == "code")
            #expect(try await h.call(client, .post, "/tags", as: admin, json: ["code": "新能源", "name": "新\u{85}能源"]).errorField == "name")
            #expect(try await h.call(client, .post, "/tags", as: admin, json: ["code": " 新能源 ", "name": "新能源"]).status == .created)
        }
    }

    @Test("the policy list takes region, agencyID, dates and sort only as the document spells them; any real date is a date")
    func listQuery() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            for (query, field) in [
                ("region=", "region"), ("region=%20410400", "region"), ("region=410400%20", "region"), ("agencyID=", "agencyID"),
                ("issuedFrom=", "issuedFrom"), ("issuedTo=2026-02-29", "issuedTo"), ("issuedFrom=2026-1-01", "issuedFrom"),
                ("issuedFrom=0000-01-01", "issuedFrom"), ("sort=", "sort"), ("sort=%20issuedAt.desc", "sort"), ("keyword=a%01b", "keyword"),
                ("tag=%C2%85", "tag"),
            ] {
                let reply = try await h.call(client, .get, "/policies?\(query)", as: nil)
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.errorField == field, "\(query)")
            }
            for query in ["issuedTo=0254-02-19", "issuedFrom=1582-10-10", "issuedFrom=2024-02-29&issuedTo=9999-12-31", "keyword=%20", "tag="] {
                #expect(try await h.call(client, .get, "/policies?\(query)", as: nil).status == .ok, "\(query)")
            }
            // The calendar is PostgreSQL's (proleptic Gregorian): a policy issued today is within 0001-01-01 … 9999-12-31.
            _ = try await h.publish(client, PolicyHarness.form(title: "全时段政策"))
            let all = try await h.call(client, .get, "/policies?issuedFrom=0001-01-01&issuedTo=9999-12-31", as: nil)
            #expect(all.titles == ["全时段政策"])
        }
    }

    @Test("title keywords and text fields refuse control characters (C0, DEL, C1) anywhere, even where blanks are trimmed")
    func controlCharacters() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            for path in ["/channel-items", "/announcements", "/briefings", "/compilations"] {
                #expect(try await h.call(client, .get, "\(path)?q=%C2%98", as: nil).errorField == "q", "\(path)")
                #expect(try await h.call(client, .get, "\(path)?q=%20a%09", as: nil).status == .ok, "\(path)")
            }
            let nel = try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: PolicyHarness.form(title: "政策\u{85}标题"))
            #expect(nel.status == .badRequest)
            #expect(nel.errorField == "title")
            // A vertical tab at the end would be trimmed as a blank; it is refused before that.
            let briefing = try await h.call(client, .post, "/briefings", as: h.member(), json: ["title": "简报\u{0B}", "body": "正文"])
            #expect(briefing.errorField == "title")
            #expect(try await h.call(client, .post, "/briefings", as: h.member(), json: ["title": " 简报\t", "body": "正文"]).status == .created)
        }
    }

    @Test("what only the data decides is a 404 naming the field: a tag, a policy type, an attachment, an unpublished policy")
    func unknownIsNotFound() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let notOwnTag = try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["enterpriseTags": ["软件"]])
            #expect(notOwnTag.status == .notFound)
            #expect(notOwnTag.errorField == "enterpriseTags[0]")
            let unknownType = try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["policyTypes": ["finance", "nope"]])
            #expect(unknownType.status == .notFound)
            #expect(unknownType.errorField == "policyTypes[1]")
            let manyRegions = try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["regions": Array(repeating: "410400", count: 51)])
            #expect(manyRegions.errorField == "regions")
            let manyAgencies = try await h.call(
                client, .post, "/subscriptions", as: h.member(), json: ["agencyIDs": Array(repeating: h.unit.uuidString, count: 51)])
            #expect(manyAgencies.errorField == "agencyIDs")
            let paddedRegion = try await h.call(client, .post, "/subscriptions", as: h.member(), json: ["regions": ["410400 "]])
            #expect(paddedRegion.status == .badRequest)
            #expect(paddedRegion.errorField == "regions[0]")

            let editor = h.editor(h.unit)
            for (change, field) in [(["policyType": "nope"], "policyType"), (["subsidyType": "nope"], "subsidyType"), (["tags": ["无此标签"]], "tags[0]"),
                                    (["attachments": [UUID().uuidString]], "attachments[0]")] as [([String: Any], String)] {
                let form = PolicyHarness.form(title: "未知引用").merging(change) { $1 }
                let reply = try await h.call(client, .post, "/policies", as: editor, json: form)
                #expect(reply.status == .notFound, "\(field)")
                #expect(reply.errorField == field)
            }

            let published = try await h.publish(client, PolicyHarness.form(title: "已发布政策"))
            let compilation = try await h.call(
                client, .post, "/compilations", as: h.reviewer(h.unit), json: ["title": "汇编", "policyIDs": [published.uuidString, UUID().uuidString]])
            #expect(compilation.status == .notFound)
            #expect(compilation.errorField == "policyIDs[1]")
        }
    }

    @Test("statuses the document now declares: submitting a briefing or editing a channel item without the right account")
    func declaredStatuses() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let body: [String: Any] = ["title": "简报", "body": "正文"]
            #expect(try await h.call(client, .post, "/briefings", as: nil, json: body).status == .unauthorized)
            #expect(try await h.call(client, .post, "/briefings", as: h.platformAdmin, json: body).status == .forbidden)
            let long = try await h.call(client, .post, "/briefings", as: h.member(), json: ["title": "简报", "body": String(repeating: "长", count: 50_001)])
            #expect(long.errorField == "body")
            let item: [String: Any] = ["section": "tax", "kind": "guide", "title": "t", "source": "s", "body": "b"]
            #expect(try await h.call(client, .put, "/channel-items/\(UUID())", as: nil, json: item).status == .unauthorized)
            #expect(try await h.call(client, .put, "/channel-items/\(UUID())", as: h.member(), json: item).status == .forbidden)
            #expect(try await h.call(client, .put, "/channel-items/\(UUID())", as: h.editor(h.unit), json: item).status == .notFound)
        }
    }
}
