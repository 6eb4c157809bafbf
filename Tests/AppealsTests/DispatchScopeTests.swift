@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("Dispatchers see and route the items of their region or industry group")
struct DispatchScopeTests {
    static let industryGroup = UUID(uuidString: "00000000-0000-4000-8000-000000000301")!  // 经信组: B, C, D, I
    static let constructionGroup = UUID(uuidString: "00000000-0000-4000-8000-000000000302")!  // 住建组: E, K

    @Test("city, district and industry-group dispatchers each get their own items; the rest are not found to them")
    func scopes() async throws {
        let h = try await AppealsHarness.make(region: "410402")
        let builderID = UUID()
        let xinhua = UUID()
        let zhanhe = UUID()
        try await h.dependencies.pool.withTransaction { connection in
            let now = Date()
            try await IdentityProjection.upsert(
                EnterpriseProfile(enterpriseID: builderID, uscc: "91410411MA4A1B2C5F", name: "湛河建筑工程有限公司",
                                  region: "410411", industry: "E", tags: []), status: "approved", at: now, on: connection)
            for (id, name, kind, region) in [
                (xinhua, "新华区", UnitProfile.Kind.district, "410402"), (zhanhe, "湛河区", .district, "410411"),
                (Self.industryGroup, "经信组", .industryGroup, "410400"), (Self.constructionGroup, "住建组", .industryGroup, "410400"),
            ] {
                try await IdentityProjection.upsert(UnitProfile(unitID: id, name: name, kind: kind, parentID: nil, region: region), on: connection)
            }
        }
        let builder = AccessClaims(
            accountID: UUID(), accountKind: .person, membership: .init(enterpriseID: builderID, uscc: "91410411MA4A1B2C5F", role: .admin))
        try await h.application().test(.router) { client in
            // A manufacturer in 新华区 and a builder in 湛河区 complain; complaints go straight to dispatch.
            let factory = try #require(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint(title: "厂房")).string("id"))
            let site = try #require(try await h.call(client, .post, "/complaints", as: builder, json: Forms.complaint(title: "工地")).string("id"))

            func queue(_ claims: AccessClaims, _ name: String = "dispatch") async throws -> Set<String> {
                Set(try await h.call(client, .get, "/complaints?queue=\(name)", as: claims).items.compactMap { $0["id"] as? String })
            }
            #expect(try await queue(h.dispatcher) == [factory, site])
            #expect(try await queue(h.dispatcher(of: xinhua)) == [factory])
            #expect(try await queue(h.dispatcher(of: zhanhe)) == [site])
            #expect(try await queue(h.dispatcher(of: Self.industryGroup)) == [factory])
            #expect(try await queue(h.dispatcher(of: Self.constructionGroup)) == [site])
            #expect(try await queue(h.dispatcher(of: Self.constructionGroup), "all") == [site])
            #expect(try await queue(h.dispatcher(of: UUID()), "all") == [])
            #expect(try await queue(h.inspector, "all") == [factory, site])

            // Out of scope is "not found", for reading and for routing alike.
            let xinhuaDispatcher = h.dispatcher(of: xinhua)
            #expect(try await h.call(client, .get, "/complaints/\(site)", as: xinhuaDispatcher).status == .notFound)
            let refused = try await h.call(client, .post, "/complaints/\(site)/dispatch", as: xinhuaDispatcher, json: ["unitID": h.unitA.uuidString])
            #expect(refused.status == .notFound)
            let routed = try await h.call(client, .post, "/complaints/\(factory)/dispatch", as: xinhuaDispatcher, json: ["unitID": h.unitA.uuidString])
            #expect(routed.string("status") == "signing")
            let detail = try await h.call(client, .get, "/complaints/\(factory)", as: h.dispatcher(of: Self.industryGroup))
            #expect((detail["complaintForm"] as? [String: Any])?["contactPhone"] as? String == Forms.complaintPhone)
        }
    }
}
