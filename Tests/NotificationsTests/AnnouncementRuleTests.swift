import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Announcements reach their audience")
struct AnnouncementRuleTests {
    @Test("an announcement goes in-site and by SMS (to the enterprises' admins) to all, the enterprises, the officials, one region's enterprises or one unit's officials")
    func audiences() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        let cast = Cast()
        try await cast.project(into: fixture)
        // Another enterprise elsewhere, and an official of another unit with a phone.
        let elsewhere = UUID()
        let otherUnit = UUID()
        let otherOfficial = UUID()
        try await fixture.deliver(
            EnterpriseRegistered(
                enterprise: EnterpriseProfile(enterpriseID: elsewhere, uscc: "91410400MA44XXXX2Y", name: "汝州企业", region: "410482", industry: "C", tags: []),
                origin: .imported, approved: true, registeredAt: Date()))
        try await fixture.deliver(UnitCreated(unit: UnitProfile(unitID: otherUnit, name: "汝州市商务局", kind: .department, parentID: nil, region: "410482")))
        try await fixture.deliver(
            OfficialCreated(
                official: OfficialProfile(officialID: otherOfficial, name: "孙丽", unitID: otherUnit, region: "410482", roles: [.liaison], active: true),
                createdAt: Date()))
        try await fixture.deliver(AccountContactChanged(accountID: otherOfficial, displayName: nil, phone: "13200006666", changedAt: Date()))
        let unitOfficials: Set<UUID> = [cast.liaisonID, cast.unitAdminID, cast.inspectorID, cast.dispatcherID]
        let officials = unitOfficials.union([otherOfficial])
        let enterprises: Set<UUID> = [cast.enterpriseID, elsewhere]
        let cases: [(AnnouncementPublished.Audience, Set<UUID>, Set<UUID>)] = [
            (.init(kind: .all), enterprises.union(officials), officials.union([cast.adminID, cast.otherAdminID])),
            (.init(kind: .enterprises), enterprises, [cast.adminID, cast.otherAdminID]),
            (.init(kind: .officials), officials, officials),
            (.init(kind: .region, region: "410402"), [cast.enterpriseID], [cast.adminID, cast.otherAdminID]),
            (.init(kind: .unit, unitID: otherUnit), [otherOfficial], [otherOfficial]),
        ]
        for (audience, inbox, sms) in cases {
            let id = UUID()
            let event = AnnouncementPublished(
                announcement: .init(id: id, title: "关于开展惠企政策兑现的公告", audience: audience, unitID: cast.unitID),
                publishedBy: UUID(), publishedAt: Date())
            let envelope = try EventEnvelope(event, producer: .policy)
            try await fixture.deliver(envelope)
            let inboxRows = try await fixture.pool.query("SELECT recipient_id, body FROM inbox_messages WHERE event_id = \(envelope.id)")
            #expect(Set(try inboxRows.map { try $0.decode("recipient_id", as: UUID.self) }) == inbox, "\(audience.kind) in-site")
            #expect(try inboxRows.first?.decode("body", as: String.self)
                == "平台发布了新公告《关于开展惠企政策兑现的公告》，请登录平台“公告栏”查看：https://qinqing.pds.gov.cn/announcements/\(id.uuidString)")
            let smsRows = try await fixture.pool.query("SELECT account_id FROM sms_messages WHERE event_id = \(envelope.id)")
            #expect(Set(try smsRows.map { try $0.decode("account_id", as: UUID.self) }) == sms, "\(audience.kind) SMS")
            // Delivered again, nothing is sent twice.
            try await fixture.deliver(envelope)
            #expect(try await fixture.count("SELECT count(*) FROM inbox_messages WHERE event_id = \(envelope.id)") == inbox.count)
        }
    }
}
