@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Who may do what: every policy endpoint against every kind of caller")
struct AuthorizationMatrixTests {
    enum Actor: String, CaseIterable {
        case guest, person, member, enterpriseAdmin, liaison, unitAdmin, dispatcher, inspector, platformAdmin
        case otherEditor, otherReviewer, editor, reviewer
    }

    func claims(_ actor: Actor, _ h: PolicyHarness) -> AccessClaims? {
        func official(_ role: String, _ unit: UUID? = nil) -> AccessClaims {
            AccessClaims(accountID: UUID(), accountKind: .official, roles: [role], unitID: unit ?? h.unit)
        }
        switch actor {
        case .guest: return nil
        case .person: return h.person
        case .member: return h.member()
        case .enterpriseAdmin: return h.member(admin: true)
        case .liaison: return official("liaison")
        case .unitAdmin: return official("unitAdmin")
        case .dispatcher: return official("dispatcher")
        case .inspector: return official("inspector")
        case .platformAdmin: return official("platformAdmin")
        case .editor: return official("policyEditor")
        case .reviewer: return official("policyReviewer")
        case .otherEditor: return official("policyEditor", h.otherUnit)
        case .otherReviewer: return official("policyReviewer", h.otherUnit)
        }
    }

    /// Callers let through (answered neither 401, 403 nor 404); everyone else must be refused, guests
    /// with 401 on routes that need a token.
    struct Row {
        var method: HTTPRequest.Method
        var path: String
        var json: Any?
        var allowed: Set<Actor>
        var needsToken: Bool
    }

    @Test("no caller gets an answer it should not")
    func matrix() async throws {
        let h = try await PolicyHarness.make()
        try await h.service.test { client in
            let published = try await h.publish(client, PolicyHarness.form(title: "矩阵已发布"))
            let draft = try #require(try await h.call(client, .post, "/policies", as: h.editor(h.unit), json: PolicyHarness.form(title: "矩阵草稿")).string("id"))
            let message = UUID()
            let interpretation = ["policyID": published.uuidString, "form": "text", "title": "矩阵解读", "body": "正文"]
            let publishedReading = try #require(try await h.call(client, .post, "/interpretations", as: h.editor(h.unit), json: interpretation).string("id"))
            #expect(try await h.call(client, .post, "/interpretations/\(publishedReading)/publish", as: h.reviewer(h.unit)).status == .ok)
            let draftReading = try #require(try await h.call(client, .post, "/interpretations", as: h.editor(h.unit), json: interpretation).string("id"))
            let item = RedemptionItemTests.form(policy: published)
            let publishedItem = try #require(try await h.call(client, .post, "/redemption-items", as: h.editor(h.unit), json: item).string("id"))
            #expect(try await h.call(client, .post, "/redemption-items/\(publishedItem)/publish", as: h.reviewer(h.unit)).status == .ok)
            let draftItem = try #require(try await h.call(client, .post, "/redemption-items", as: h.editor(h.unit), json: item).string("id"))
            let everyone = Set(Actor.allCases)
            let staff: Set<Actor> = [.editor, .reviewer]
            let members: Set<Actor> = [.member, .enterpriseAdmin]
            let rows: [Row] = [
                Row(method: .get, path: "/policies", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/policies/\(published)", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/policies/\(draft)", allowed: staff, needsToken: false),
                Row(method: .get, path: "/policy-catalogue", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/policy-types", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/tags?all=true", allowed: [.platformAdmin], needsToken: true),
                Row(method: .post, path: "/subsidy-types", json: ["code": "matrixType", "name": "矩阵"], allowed: [.platformAdmin], needsToken: true),
                Row(method: .put, path: "/policy-types/finance", json: ["name": "财政金融"], allowed: [.platformAdmin], needsToken: true),
                Row(method: .get, path: "/policies/\(published)/history", allowed: staff.union([.platformAdmin, .inspector]), needsToken: true),
                // Every unit's editors and reviewers list their own unit's drafts (checked below: only their own).
                Row(method: .get, path: "/policy-drafts", allowed: staff.union([.otherEditor, .otherReviewer]), needsToken: true),
                Row(method: .post, path: "/policies", json: PolicyHarness.form(title: "矩阵新稿"), allowed: [.editor, .otherEditor], needsToken: true),
                Row(method: .put, path: "/policies/\(draft)", json: PolicyHarness.form(title: "矩阵草稿改"), allowed: [.editor], needsToken: true),
                Row(method: .post, path: "/policies/\(draft)/submission", allowed: [.editor], needsToken: true),
                Row(method: .post, path: "/policies/\(draft)/return", json: ["reason": "矩阵"], allowed: [.reviewer], needsToken: true),
                Row(method: .post, path: "/policies/\(draft)/publication", allowed: [.reviewer], needsToken: true),
                Row(method: .post, path: "/policies/\(published)/withdrawal", json: ["reason": "矩阵"], allowed: [.reviewer], needsToken: true),
                Row(method: .get, path: "/interpretations", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/interpretations?status=reviewing", allowed: staff.union([.otherEditor, .otherReviewer]), needsToken: true),
                Row(method: .get, path: "/interpretations/\(publishedReading)", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/interpretations/\(draftReading)", allowed: staff, needsToken: false),
                Row(method: .post, path: "/interpretations", json: interpretation, allowed: [.editor, .otherEditor], needsToken: true),
                Row(method: .put, path: "/interpretations/\(draftReading)", json: interpretation, allowed: [.editor], needsToken: true),
                Row(method: .post, path: "/interpretations/\(draftReading)/return", json: ["reason": "矩阵"], allowed: [.reviewer], needsToken: true),
                Row(method: .post, path: "/interpretations/\(draftReading)/publish", allowed: [.reviewer], needsToken: true),
                Row(method: .get, path: "/redemption-items", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/redemption-items?status=reviewing", allowed: staff.union([.otherEditor, .otherReviewer]), needsToken: true),
                Row(method: .get, path: "/redemption-items/\(publishedItem)", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/redemption-items/\(draftItem)", allowed: staff, needsToken: false),
                Row(method: .post, path: "/redemption-items", json: item, allowed: [.editor, .otherEditor], needsToken: true),
                Row(method: .put, path: "/redemption-items/\(draftItem)", json: item, allowed: [.editor], needsToken: true),
                Row(method: .post, path: "/redemption-items/\(draftItem)/return", json: ["reason": "矩阵"], allowed: [.reviewer], needsToken: true),
                Row(method: .post, path: "/redemption-items/\(draftItem)/publish", allowed: [.reviewer], needsToken: true),
                Row(method: .get, path: "/subscriptions", allowed: members, needsToken: true),
                Row(method: .post, path: "/subscriptions", json: ["policyTypes": ["finance"]], allowed: members, needsToken: true),
                Row(method: .get, path: "/subscription-messages", allowed: members, needsToken: true),
                Row(method: .post, path: "/subscription-messages/\(message)/read", allowed: [], needsToken: true),
                Row(method: .delete, path: "/subscriptions/\(UUID())", allowed: [], needsToken: true),
            ]
            #expect(try await h.call(client, .get, "/policy-drafts", as: claims(.otherReviewer, h)).items.isEmpty)
            #expect(try await h.call(client, .get, "/policy-drafts", as: claims(.reviewer, h)).items.count == 1)
            for row in rows {
                for actor in Actor.allCases {
                    let reply = try await h.call(client, row.method, row.path, as: claims(actor, h), json: row.json)
                    let refused = [.unauthorized, .forbidden, .notFound].contains(reply.status)
                    #expect(refused != row.allowed.contains(actor), "\(row.method) \(row.path) as \(actor): \(reply.status) \(reply.text)")
                    #expect(reply.status.code < 500, "\(row.method) \(row.path) as \(actor): \(reply.status)")
                    if actor == .guest, row.needsToken { #expect(reply.status == .unauthorized, "\(row.method) \(row.path) as guest") }
                }
            }
        }
    }
}
