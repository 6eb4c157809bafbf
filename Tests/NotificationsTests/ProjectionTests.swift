import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Identity projections")
struct ProjectionTests {
    @Test("enterprises, memberships, liaisons, officials and units are projected; revoked memberships stop counting")
    func projectsIdentity() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await cast.project(into: fixture)

        #expect(try await fixture.strings("SELECT name FROM enterprises WHERE approved") == [cast.enterpriseName])
        #expect(try await fixture.count("SELECT count(*) FROM memberships WHERE active AND enterprise_id = \(cast.enterpriseID)") == 3)
        #expect(try await fixture.count("SELECT count(*) FROM liaisons WHERE official_id = \(cast.liaisonID)") == 1)
        #expect(try await fixture.count("SELECT count(*) FROM officials WHERE 'unitAdmin' = ANY(roles)") == 1)

        try await fixture.deliver(
            MembershipRevoked(
                membershipID: cast.membershipID, enterpriseID: cast.enterpriseID, accountID: cast.memberID, reason: "离职",
                revokedBy: cast.adminID, revokedAt: Date()))
        #expect(try await fixture.count("SELECT count(*) FROM memberships WHERE active AND enterprise_id = \(cast.enterpriseID)") == 2)
        try await fixture.deliver(LiaisonUnassigned(enterpriseID: cast.enterpriseID, officialID: cast.liaisonID, unassignedAt: Date()))
        #expect(try await fixture.count("SELECT count(*) FROM liaisons") == 0)
    }

    @Test("phones are sealed at rest, readable only through the cipher, and an older change never overwrites a newer one")
    func phonesSealed() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let account = UUID()
        let now = Date()
        try await fixture.deliver(AccountContactChanged(accountID: account, displayName: "赵敏", phone: "13812345678", changedAt: now))

        let row = try #require(try await fixture.pool.query("SELECT phone_sealed::text AS raw, phone_key_id FROM contacts").first)
        let raw = try row.decode("raw", as: String.self)
        #expect(!raw.contains("13812345678"))
        #expect(!raw.contains(Data("13812345678".utf8).map { String(format: "%02x", $0) }.joined()))
        #expect(try await fixture.pool.withConnection { try await fixture.runtime.contacts.phone(of: .account(account), on: $0) } == "13812345678")

        // Out of order: an older number arrives after the newer one.
        try await fixture.deliver(
            AccountContactChanged(accountID: account, displayName: "赵敏", phone: "13000000000", changedAt: now.addingTimeInterval(-60)))
        #expect(try await fixture.pool.withConnection { try await fixture.runtime.contacts.phone(of: .account(account), on: $0) } == "13812345678")

        // The account removed its phone.
        try await fixture.deliver(AccountContactChanged(accountID: account, displayName: "赵敏", phone: nil, changedAt: now.addingTimeInterval(60)))
        #expect(try await fixture.pool.withConnection { try await fixture.runtime.contacts.phone(of: .account(account), on: $0) } == nil)
    }
}
