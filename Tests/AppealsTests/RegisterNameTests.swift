@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing

@Suite("Register name masking")
struct RegisterNameTests {
    @Test("the register masks unknown names a title or role gives away, officials' names, and other items' contacts")
    func masksNames() async throws {
        let h = try await AppealsHarness.make()
        try await h.dependencies.pool.withTransaction { connection in
            try await IdentityProjection.upsert(
                OfficialProfile(officialID: UUID(), name: "周海涛", unitID: h.unitA, region: "420302", roles: [.unitAdmin], active: true),
                on: connection)
        }
        try await h.application().test(.router) { client in
            // Another item's contact: 赵敏 (a complaint's contact).
            #expect(try await h.call(client, .post, "/complaints", as: h.enterprise, json: Forms.complaint(isPublic: false)).status == .created)
            var appeal = Forms.appeal(title: "王府井项目用电报装")
            var problem = appeal["problem"] as! [String: Any]
            problem["detail"] = "联系人孙丽丽反映，赵敏女士也曾来电。"
            appeal["problem"] = problem
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: appeal).string("id"))
            try await RegisterTests().conclude(h, client, "appeals", id, contact: "住建局黄志强科长和周海涛")

            let entry = try await h.call(client, .get, "/register/\(id)", as: nil)
            #expect(entry.status == .ok)
            #expect(entry.string("title") == "王府井项目用电报装")
            #expect(entry.string("detail") == "联系人孙**反映，赵*女士也曾来电。")
            let reply = try #require(entry.string("replyContent"))
            #expect(reply.contains("黄**科长"))
            #expect(reply.contains("周**"))
            for secret in ["孙丽丽", "黄志强", "周海涛", "赵敏", "刘明"] {
                #expect(!entry.text.contains(secret), "the register shows \(secret)")
            }
            let list = try await h.call(client, .get, "/register", as: nil)
            #expect(list.items.first?["detail"] as? String == "联系人孙**反映，赵*女士也曾来电。")
        }
    }
}
