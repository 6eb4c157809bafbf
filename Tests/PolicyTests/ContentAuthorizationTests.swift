import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import PolicyApp
import Testing

@Suite("Who may do what with channel items, announcements and briefings")
struct ContentAuthorizationTests {
    enum Actor: String, CaseIterable {
        case guest, person, member, enterpriseAdmin, liaison, unitAdmin, dispatcher, inspector, platformAdmin
        case editorA, reviewerA, editorB, reviewerB
    }

    static func claims(_ actor: Actor, _ h: PolicyContentHarness, editorA: AccessClaims) -> AccessClaims? {
        switch actor {
        case .guest: nil
        case .person: h.person
        case .member: h.member
        case .enterpriseAdmin: h.enterpriseAdmin
        case .liaison: h.official(.liaison)
        case .unitAdmin: h.official(.unitAdmin)
        case .dispatcher: h.official(.dispatcher)
        case .inspector: h.official(.inspector)
        case .platformAdmin: h.official(.platformAdmin)
        case .editorA: editorA
        case .reviewerA: h.reviewer(of: h.unitA)
        case .editorB: h.editor(of: h.unitB)
        case .reviewerB: h.reviewer(of: h.unitB)
        }
    }

    static func body(_ path: String) -> [String: Any] {
        path == "channel-items"
            ? ["section": "tax", "kind": "guide", "title": "办税指南", "body": "内容", "source": "市税务局"]
            : ["title": "公告", "body": "内容", "audience": ["kind": "all"]]
    }

    /// 401 for guests, the given answers for the named actors, 403 for everyone else.
    static func expected(_ actor: Actor, _ answers: [Actor: HTTPResponse.Status], guest: HTTPResponse.Status = .unauthorized) -> HTTPResponse.Status {
        actor == .guest ? guest : answers[actor] ?? .forbidden
    }

    @Test("reviewed content: only editors draft, only the drafting unit's editors edit, only its reviewers publish or return; drafts are hidden from everyone else", arguments: ["channel-items", "announcements"])
    func reviewedContent(path: String) async throws {
        let h = try await PolicyContentHarness.make()
        let editorA = h.editor(of: h.unitA)
        try await h.application().test(.router) { client in
            let body = Self.body(path)
            func draft() async throws -> String { try await h.call(client, .post, "/\(path)", as: editorA, json: Self.body(path)).id }
            for actor in Actor.allCases {
                let who = Self.claims(actor, h, editorA: editorA)
                let id = try await draft()
                let checks: [(String, HTTPRequest.Method, String, [String: Any]?, HTTPResponse.Status)] = [
                    ("draft", .post, "/\(path)", body, Self.expected(actor, [.editorA: .created, .editorB: .created])),
                    ("edit", .put, "/\(path)/\(id)", body, Self.expected(actor, [.editorA: .ok])),
                    ("return", .post, "/\(path)/\(id)/return", ["reason": "退回"], Self.expected(actor, [.reviewerA: .ok])),
                    ("publish", .post, "/\(path)/\(try await draft())/publish", nil, Self.expected(actor, [.reviewerA: .ok])),
                    ("show draft", .get, "/\(path)/\(try await draft())", nil,
                     Self.expected(actor, [.editorA: .ok, .reviewerA: .ok], guest: .notFound) == .forbidden
                        ? .notFound : Self.expected(actor, [.editorA: .ok, .reviewerA: .ok], guest: .notFound)),
                    ("list drafts", .get, "/\(path)?status=reviewing", nil,
                     Self.expected(actor, [.editorA: .ok, .reviewerA: .ok, .editorB: .ok, .reviewerB: .ok])),
                    ("list published", .get, "/\(path)", nil, .ok),
                ]
                for (name, method, uri, json, status) in checks {
                    let response = try await h.call(client, method, uri, as: who, json: json)
                    #expect(response.status == status, "\(path) \(name) as \(actor.rawValue): \(response.text)")
                }
            }
        }
    }

    @Test("briefings: liaison officials and enterprise members submit, policy editors decide, the editors' queue is theirs")
    func briefings() async throws {
        let h = try await PolicyContentHarness.make()
        let editorA = h.editor(of: h.unitA)
        try await h.application().test(.router) { client in
            let body: [String: Any] = ["title": "简报", "body": "内容"]
            func submitted() async throws -> String { try await h.call(client, .post, "/briefings", as: h.member, json: ["title": "简报", "body": "内容"]).id }
            for actor in Actor.allCases {
                let who = Self.claims(actor, h, editorA: editorA)
                let checks: [(String, HTTPRequest.Method, String, [String: Any]?, HTTPResponse.Status)] = [
                    ("submit", .post, "/briefings", body, Self.expected(actor, [.member: .created, .enterpriseAdmin: .created, .liaison: .created])),
                    ("publish", .post, "/briefings/\(try await submitted())/publish", nil, Self.expected(actor, [.editorA: .ok, .editorB: .ok])),
                    ("return", .post, "/briefings/\(try await submitted())/return", ["reason": "退回"], Self.expected(actor, [.editorA: .ok, .editorB: .ok])),
                    ("queue", .get, "/briefings?status=submitted", nil, Self.expected(actor, [.editorA: .ok, .editorB: .ok])),
                    ("show submitted", .get, "/briefings/\(try await submitted())", nil, [.editorA, .editorB].contains(actor) ? .ok : .notFound),
                    ("mine", .get, "/briefings?mine=true", nil, actor == .guest ? .unauthorized : .ok),
                    ("list published", .get, "/briefings", nil, .ok),
                ]
                for (name, method, uri, json, status) in checks {
                    let response = try await h.call(client, method, uri, as: who, json: json)
                    #expect(response.status == status, "briefings \(name) as \(actor.rawValue): \(response.text)")
                }
            }
        }
    }
}
