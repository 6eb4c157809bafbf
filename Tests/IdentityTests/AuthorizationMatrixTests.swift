import Contracts
import Foundation
import HTTPTypes
import Hummingbird
@testable import IdentityApp
import ServiceKit
import Testing

/// Every endpoint × every kind of caller gets exactly the intended answer: allowed callers are
/// never refused (401/403/404), refused callers get the intended refusal, and nobody reaches
/// another enterprise's data (404).
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Role: String, CaseIterable, Sendable {
        case guest, person, member, otherAdmin, ownAdmin, liaison, unitAdmin, dispatcher, inspector, platformAdmin
        var isOfficial: Bool { [.liaison, .unitAdmin, .dispatcher, .inspector, .platformAdmin].contains(self) }
        var isPerson: Bool { [.person, .member, .otherAdmin, .ownAdmin].contains(self) }
    }

    struct Row {
        var method: HTTPRequest.Method
        var template: String
        var path: String
        var body: [String: Any]?
        var raw: String?
        /// nil: public (any answer but a refusal); otherwise the callers who are allowed.
        var allowed: Set<Role>?
        var refusal: @Sendable (Role) -> Int
        var before: (@Sendable () async throws -> Void)?

        init(
            _ method: HTTPRequest.Method, _ template: String, _ path: String, _ body: [String: Any]? = nil, raw: String? = nil,
            allowed: Set<Role>?, refusal: @escaping @Sendable (Role) -> Int = Refusal.official,
            before: (@Sendable () async throws -> Void)? = nil
        ) {
            self.method = method
            self.template = template
            self.path = path
            self.body = body
            self.raw = raw
            self.allowed = allowed
            self.refusal = refusal
            self.before = before
        }
    }

    enum Refusal {
        static let official: @Sendable (Role) -> Int = { $0 == .guest ? 401 : 403 }
        static let enterpriseView: @Sendable (Role) -> Int = { $0 == .guest ? 401 : ([.person, .otherAdmin].contains($0) ? 404 : 403) }
        static let enterpriseAdmin: @Sendable (Role) -> Int = { $0 == .guest ? 401 : ($0 == .member ? 403 : 404) }
        static let edit: @Sendable (Role) -> Int = { $0 == .guest ? 401 : ([.person, .otherAdmin].contains($0) ? 404 : 403) }
        static let helpRequest: @Sendable (Role) -> Int = { $0 == .guest ? 401 : ($0.isOfficial ? 403 : 404) }
    }

    static let officials: Set<Role> = [.liaison, .unitAdmin, .dispatcher, .inspector, .platformAdmin]
    static let persons: Set<Role> = [.person, .member, .otherAdmin, .ownAdmin]
    static let viewers: Set<Role> = officials.union([.member, .ownAdmin])
    static let signedIn: Set<Role> = Set(Role.allCases).subtracting([.guest])

    @Test("every endpoint answers every kind of caller as intended")
    func matrix() async throws {
        try await IdentityHarness.run { client, harness in
            let world = try await MatrixWorld.make(client, harness)
            let rows = Self.rows(world)

            // The matrix covers every route the service registers.
            let router = Router(context: AppRequestContext.self)
            harness.service.definition.routes(router, harness.runtime)
            let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            let covered = Set(rows.map { row in
                "\(row.method.rawValue) " + row.template.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            })
            #expect(registered.subtracting(covered).sorted() == [], "endpoints missing from the matrix")

            for row in rows {
                for role in Role.allCases {
                    try await row.before?()
                    let reply = try await client.call(row.method, row.path, json: row.body, bearer: world.bearers[role], raw: row.raw,
                                                      contentType: row.raw == nil ? "application/json" : "text/csv")
                    let code = Int(reply.status.code)
                    let where_ = "\(row.method.rawValue) \(row.template) as \(role.rawValue): \(code) \(reply.text.prefix(160))"
                    #expect(code < 500, "\(where_)")
                    if let allowed = row.allowed, !allowed.contains(role) {
                        #expect(code == row.refusal(role), "\(where_)")
                    } else {
                        let refused = [403, 404] + (row.allowed == nil ? [] : [401])
                        #expect(!refused.contains(code), "\(where_)")
                    }
                }
            }
        }
    }

    static func rows(_ w: MatrixWorld) -> [Row] {
        let a = w.enterpriseA
        let enterprise = Samples.enterprise(uscc: "bad")
        return [
            Row(.get, "/regions", "/regions", allowed: nil),
            Row(.get, "/industries", "/industries", allowed: nil),
            Row(.get, "/units", "/units", allowed: nil),
            Row(.get, "/.well-known/jwks.json", "/.well-known/jwks.json", allowed: nil),
            Row(.post, "/captchas", "/captchas", allowed: nil),
            Row(.post, "/sessions", "/sessions", ["username": "nobody", "password": "x"], allowed: nil),
            Row(.post, "/sessions/password-change", "/sessions/password-change", ["changeTicket": "x", "newPassword": "Abcdefg1"], allowed: nil),
            Row(.post, "/sessions/refresh", "/sessions/refresh", ["refreshToken": "x"], allowed: nil),
            Row(.post, "/sessions/sign-out", "/sessions/sign-out", ["refreshToken": "x"], allowed: nil),
            Row(.post, "/persons", "/persons", ["username": "x"], allowed: nil),
            Row(.get, "/me", "/me", allowed: signedIn),
            Row(.post, "/me/password", "/me/password", ["currentPassword": "wrong", "newPassword": "short"], allowed: signedIn),
            Row(.put, "/me/phone", "/me/phone", ["phone": "13700000000"], allowed: signedIn),
            Row(.get, "/me/profile", "/me/profile", allowed: officials),
            Row(.put, "/me/profile", "/me/profile", ["title": "科长"], allowed: officials),
            Row(.get, "/accounts/:id", "/accounts/\(w.personID)", allowed: [.platformAdmin, .inspector]),
            Row(.post, "/officials", "/officials", ["username": "m", "realName": "x", "unitID": UUID().uuidString, "roles": ["liaison"]], allowed: [.platformAdmin]),
            Row(.get, "/officials", "/officials", allowed: [.platformAdmin, .inspector, .dispatcher, .unitAdmin]),
            Row(.patch, "/officials/:id", "/officials/\(w.spareOfficial)", [:], allowed: [.platformAdmin]),
            Row(.post, "/officials/:id/password-reset", "/officials/\(w.spareOfficial)/password-reset", allowed: [.platformAdmin]),
            Row(.get, "/admin/audit/verification", "/admin/audit/verification", allowed: [.platformAdmin, .inspector]),
            Row(.get, "/admin/audit", "/admin/audit?subjectKind=account", allowed: [.platformAdmin]),
            Row(.get, "/enterprises", "/enterprises", allowed: officials),
            Row(.post, "/enterprises/registrations", "/enterprises/registrations", enterprise, allowed: persons),
            Row(.post, "/enterprises/imports", "/enterprises/imports", raw: EnterpriseImport.columns.joined(separator: ",") + "\n", allowed: [.platformAdmin]),
            Row(.get, "/enterprises/:id", "/enterprises/\(a)", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.patch, "/enterprises/:id", "/enterprises/\(a)", [:], allowed: [.platformAdmin, .ownAdmin, .liaison], refusal: Refusal.edit),
            Row(.get, "/enterprises/:id/status-history", "/enterprises/\(a)/status-history", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.get, "/enterprises/:id/changes", "/enterprises/\(a)/changes", allowed: [.platformAdmin, .ownAdmin, .liaison, .member], refusal: Refusal.edit),
            Row(.post, "/enterprises/:id/approval", "/enterprises/\(w.pendingEnterprise)/approval", allowed: [.platformAdmin]),
            Row(.post, "/enterprises/:id/preset-account", "/enterprises/\(w.pendingEnterprise)/preset-account", allowed: [.platformAdmin]),
            Row(.post, "/enterprises/:id/rejection", "/enterprises/\(w.pendingEnterprise)/rejection", ["reason": "资料不全"], allowed: [.platformAdmin]),
            Row(.post, "/memberships/applications", "/memberships/applications", ["uscc": w.usccA], allowed: persons),
            Row(.get, "/me/membership-applications", "/me/membership-applications", allowed: persons),
            Row(.get, "/me/memberships", "/me/memberships", allowed: persons),
            Row(.get, "/enterprises/:id/membership-applications", "/enterprises/\(a)/membership-applications", allowed: [.platformAdmin, .ownAdmin], refusal: Refusal.enterpriseAdmin),
            Row(.get, "/enterprises/:id/members", "/enterprises/\(a)/members", allowed: [.platformAdmin, .ownAdmin], refusal: Refusal.enterpriseAdmin),
            Row(.post, "/membership-applications/:id/grant", "/membership-applications/\(w.application)/grant", ["role": "member", "period": "6m"], allowed: [.platformAdmin, .ownAdmin], refusal: Refusal.enterpriseAdmin),
            Row(.post, "/membership-applications/:id/rejection", "/membership-applications/\(w.application)/rejection", ["reason": "不认识"], allowed: [.platformAdmin, .ownAdmin], refusal: Refusal.enterpriseAdmin),
            Row(.post, "/enterprises/:id/members/:membershipID/revocation", "/enterprises/\(a)/members/\(w.spareMembership)/revocation", ["reason": "离职"], allowed: [.platformAdmin, .ownAdmin], refusal: Refusal.enterpriseAdmin),
            Row(.post, "/enterprises/:id/liaisons", "/enterprises/\(a)/liaisons", ["officialID": w.spareLiaison.uuidString], allowed: [.platformAdmin, .unitAdmin], before: w.endSpareAssignment),
            Row(.get, "/enterprises/:id/liaisons", "/enterprises/\(a)/liaisons", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.post, "/enterprises/:id/liaisons/:officialID/unassignment", "/enterprises/\(a)/liaisons/\(w.spareLiaison)/unassignment", allowed: [.platformAdmin, .unitAdmin], before: w.openSpareAssignment),
            Row(.post, "/enterprises/:id/help-requests", "/enterprises/\(a)/help-requests", ["note": "需要融资对接", "officeRegion": "410402", "contactName": "李四", "contactPhone": "13612345678"], allowed: [.member, .ownAdmin], refusal: Refusal.helpRequest),
            Row(.get, "/enterprises/:id/help-requests", "/enterprises/\(a)/help-requests", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.get, "/enterprises/:id/helpers", "/enterprises/\(a)/helpers", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.get, "/help-requests", "/help-requests", allowed: [.platformAdmin, .inspector]),
            Row(.post, "/help-requests/:id/assignment", "/help-requests/\(w.helpRequest)/assignment", ["officialIDs": [w.spareLiaison.uuidString]], allowed: [.platformAdmin]),
            Row(.post, "/help-requests/:id/rejection", "/help-requests/\(w.helpRequest)/rejection", ["reason": "已有帮扶"], allowed: [.platformAdmin]),
            Row(.put, "/enterprises/:id/operating-status/:month", "/enterprises/\(a)/operating-status/2026-10", ["status": "normal"], allowed: [.liaison]),
            Row(.get, "/enterprises/:id/operating-status", "/enterprises/\(a)/operating-status", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.post, "/enterprises/:id/contacts", "/enterprises/\(a)/contacts", ["date": "2026-10-09", "way": "visit", "note": "走访"], allowed: [.liaison]),
            Row(.get, "/enterprises/:id/contacts", "/enterprises/\(a)/contacts", allowed: viewers, refusal: Refusal.enterpriseView),
            Row(.get, "/liaison-contact-gaps", "/liaison-contact-gaps", allowed: [.platformAdmin, .inspector, .liaison]),
            // Last: rotation (tokens signed before stay valid as the previous key).
            Row(.post, "/admin/signing-keys/rotate", "/admin/signing-keys/rotate", allowed: [.platformAdmin]),
        ]
    }
}
