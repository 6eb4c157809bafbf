@testable import PolicyApp
import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Who may do what: every redemption application, notice and rating endpoint against every kind of caller")
struct ApplicationAuthorizationMatrixTests {
    typealias Actor = AuthorizationMatrixTests.Actor
    typealias Row = AuthorizationMatrixTests.Row

    @Test("no caller gets an answer it should not; rows run in order, so a step's second allowed caller meets the state the first left (409, not a refusal)")
    func matrix() async throws {
        let h = try await PolicyHarness.make()
        let cast = AuthorizationMatrixTests()
        let applications = RedemptionApplicationTests()
        try await h.service.test { client in
            let itemID = try await applications.item(h, client)
            let applicant = h.member()
            let materials = try await applications.materials(h, client, as: applicant)
            let returning = try #require(
                try await h.call(client, .post, "/redemption-items/\(itemID)/applications", as: applicant, json: ["materials": materials]).string("id"))
            let secondItem = try await applications.item(h, client)
            let concluding = try #require(
                try await h.call(client, .post, "/redemption-items/\(secondItem)/applications", as: applicant,
                                 json: ["materials": try await applications.materials(h, client, as: applicant)]).string("id"))
            let fileID = try #require(materials.first?["fileID"] as? String)
            let everyone = Set(Actor.allCases)
            let unit: Set<Actor> = [.editor, .reviewer]
            let enterprise: Set<Actor> = [.member, .enterpriseAdmin]
            let persons: Set<Actor> = enterprise.union([.person])
            let notice: [String: Any] = ["title": "矩阵公示", "body": "公示七日。", "deadline": RedemptionItemTests.day(7)]
            let rows: [Row] = [
                Row(method: .post, path: "/application-files?fileName=a.pdf", allowed: persons, needsToken: true),
                Row(method: .get, path: "/application-files/\(fileID)", allowed: enterprise.union(unit).union([.inspector]), needsToken: true),
                Row(method: .post, path: "/redemption-items/\(itemID)/applications", json: [String: Any](), allowed: persons, needsToken: true),
                Row(method: .get, path: "/redemption-applications", allowed: persons.union(unit).union([.otherEditor, .otherReviewer, .inspector]), needsToken: true),
                Row(method: .get, path: "/redemption-applications/\(returning)", allowed: enterprise.union(unit).union([.inspector]), needsToken: true),
                Row(method: .put, path: "/redemption-applications/\(returning)/materials", json: ["materials": materials], allowed: enterprise, needsToken: true),
                Row(method: .post, path: "/redemption-applications/\(returning)/return", json: ["reason": "矩阵"], allowed: unit, needsToken: true),
                Row(method: .post, path: "/redemption-applications/\(concluding)/accept", allowed: unit, needsToken: true),
                Row(method: .post, path: "/redemption-applications/\(concluding)/conclude", json: ["decision": "approved", "grantedAmount": "1000"],
                    allowed: unit, needsToken: true),
                Row(method: .post, path: "/redemption-applications/\(concluding)/rating", json: ["level": "satisfied"], allowed: enterprise, needsToken: true),
                Row(method: .get, path: "/redemption-applications/\(concluding)/rating", allowed: enterprise.union(unit).union([.inspector]), needsToken: true),
                Row(method: .post, path: "/redemption-applications/\(concluding)/follow-up", json: ["answer": "矩阵"], allowed: unit, needsToken: true),
                Row(method: .post, path: "/redemption-items/\(secondItem)/notices", json: notice, allowed: unit, needsToken: true),
                Row(method: .get, path: "/redemption-notices", allowed: everyone, needsToken: false),
                Row(method: .get, path: "/redemption-projects?name=\("科技".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                    allowed: everyone, needsToken: false),
            ]
            for row in rows {
                for actor in Actor.allCases {
                    let reply = try await h.call(client, row.method, row.path, as: cast.claims(actor, h), json: row.json)
                    let refused = [.unauthorized, .forbidden, .notFound].contains(reply.status)
                    #expect(refused != row.allowed.contains(actor), "\(row.method) \(row.path) as \(actor): \(reply.status) \(reply.text)")
                    #expect(reply.status.code < 500, "\(row.method) \(row.path) as \(actor): \(reply.status)")
                    if actor == .guest, row.needsToken { #expect(reply.status == .unauthorized, "\(row.method) \(row.path) as guest") }
                }
            }
            let noticeID = try #require(try await h.call(client, .get, "/redemption-notices", as: nil).items.first?["id"] as? String)
            for actor in Actor.allCases {
                #expect(try await h.call(client, .get, "/redemption-notices/\(noticeID)", as: cast.claims(actor, h)).status == .ok)
            }
        }
    }
}
