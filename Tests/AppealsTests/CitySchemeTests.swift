@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

/// Operating rules art. 7: every Pingdingshan item is handled under 13710. A city's default scheme
/// is a setting; a category may override it; a new category takes the city's default.
@Suite("City default deadline schemes")
struct CitySchemeTests {
    func schemeOf(_ id: String, _ h: AppealsHarness) async throws -> String {
        try await h.dependencies.pool.query("SELECT scheme_code FROM cases WHERE id = \(UUID(uuidString: id)!)")[0]
            .decode("scheme_code", as: String.self)
    }

    @Test("in Pingdingshan every category follows 13710, a new category too, unless an admin overrides it")
    func pingdingshanDefaults() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        try await h.application().test(.router) { client in
            let defaults = try await h.call(client, .get, "/city-schemes", as: nil)
            #expect(defaults.items.contains { $0["city"] as? String == "4104" && $0["scheme"] as? String == "13710" })
            let assignments = try await h.call(client, .get, "/scheme-assignments?size=100", as: nil)
            #expect(!assignments.items.contains { $0["city"] as? String == "*" })

            let reform = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(region: "410402")).string("id"))
            #expect(try await schemeOf(reform, h) == "13710")

            let added = try await h.call(
                client, .post, "/categories", as: h.platformAdmin, json: ["code": "landUse", "kind": "appeal", "name": "用地审批问题"])
            #expect(added.status == .created)
            let landUse = try #require(try await h.call(
                client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(category: "landUse", region: "410402")).string("id"))
            #expect(try await schemeOf(landUse, h) == "13710")

            #expect(try await h.call(client, .put, "/scheme-assignments/landUse/4104", as: h.platformAdmin, json: ["scheme": "shiyan"]).status == .ok)
            let overridden = try #require(try await h.call(
                client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(category: "landUse", region: "410402")).string("id"))
            #expect(try await schemeOf(overridden, h) == "shiyan")
        }
    }

    @Test("an admin sets a city's default: checked, audited, followed by items submitted afterwards")
    func adminSetsCityDefault() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let before = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            #expect(try await schemeOf(before, h) == "shiyan")

            #expect(try await h.call(client, .put, "/city-schemes/4203", as: h.dispatcher, json: ["scheme": "13710"]).status == .forbidden)
            #expect(try await h.call(client, .put, "/city-schemes/42", as: h.platformAdmin, json: ["scheme": "13710"]).errorField == "city")
            #expect(try await h.call(client, .put, "/city-schemes/4203", as: h.platformAdmin, json: ["scheme": "nope"]).errorField == "scheme")
            let set = try await h.call(client, .put, "/city-schemes/4203", as: h.platformAdmin, json: ["scheme": "13710"])
            #expect(set.status == .ok)
            #expect(set.string("scheme") == "13710")

            let after = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            #expect(try await schemeOf(after, h) == "13710")
            #expect(try await schemeOf(before, h) == "shiyan")

            let audit = try await h.call(client, .get, "/admin/audit?subjectKind=cityScheme", as: h.inspector)
            #expect(audit["total"] as? Int == 1)
            #expect(audit.items.first?["subjectID"] as? String == "4203")
            #expect((audit.items.first?["before"] as? [String: Any])?["scheme"] as? String == "shiyan")
        }
    }

    @Test("a city without a default scheme gets a conflict naming the region, not someone else's scheme")
    func cityWithoutDefault() async throws {
        let h = try await AppealsHarness.make(region: "110105")
        try await h.application().test(.router) { client in
            let refused = try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(region: "110105"))
            #expect(refused.status == .conflict)
            #expect(refused.errorField == "basic.region")
        }
    }
}
