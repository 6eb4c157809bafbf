import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import NotificationsApp
@testable import Outbox
import Postgres
import ServiceKit
import Testing
import TestSupport

/// The notifications service in its own schema against the suite's PostgreSQL and broker (a
/// `ServiceUnderTest` with the local development keys), with helpers to deliver events the way
/// the inbox consumer does.
struct NotificationsFixture {
    let service: ServiceUnderTest<NotificationsRuntime>
    let tokens: TestTokens

    static let consumer = "notifications.test"

    init() async throws {
        let tokens = TestTokens()
        self.tokens = tokens
        self.service = try await ServiceUnderTest.start(
            NotificationsService.definition, runtime: { try NotificationsRuntime($0, environment: [:]) },
            tokens: { _ in tokens.verifier() })
    }

    var deps: ServiceDependencies { service.dependencies }
    var runtime: NotificationsRuntime { service.runtime }
    var pool: PostgresPool { deps.pool }

    /// Applies `envelope` as the inbox consumer does: once per event id, in one transaction.
    /// Returns false when the inbox already had it.
    @discardableResult
    func deliver(_ envelope: EventEnvelope) async throws -> Bool {
        let handler = try handler(for: envelope)
        return try await pool.withTransaction { connection in
            let inserted = try await connection.execute(
                """
                INSERT INTO inbox (consumer, event_id, event_type, source, topic)
                VALUES (\(Self.consumer), \(envelope.id), \(envelope.type), \(envelope.source), \(envelope.topic.name))
                ON CONFLICT (consumer, event_id) DO NOTHING
                """)
            guard inserted == 1 else { return false }
            try await handler(envelope, connection)
            return true
        }
    }

    /// Applies the envelope's effects directly, skipping the inbox (to show the unique keys alone hold).
    func applyBypassingInbox(_ envelope: EventEnvelope) async throws {
        let handler = try handler(for: envelope)
        try await pool.withTransaction { connection in try await handler(envelope, connection) }
    }

    /// The consumer's handler for the envelope's type (its projection then the rules, or the rules alone).
    func handler(for envelope: EventEnvelope) throws -> EventHandlers.Handler {
        try #require(runtime.handlers().handler(for: envelope.type))
    }

    @discardableResult
    func deliver<Event: DomainEvent>(_ event: Event, id: UUID = UUID()) async throws -> EventEnvelope {
        let envelope = try EventEnvelope(event, producer: .identity, id: id)
        try await deliver(envelope)
        return envelope
    }

    /// An envelope of another service's event, built from its type string and JSON payload only.
    static func envelope(type: String, topic: Topic, source: ProducingService, subject: String, payload: [String: Any]) throws
        -> EventEnvelope
    {
        EventEnvelope(
            id: UUID(), source: source.eventSource, type: type, time: Date(), subject: subject, topic: topic,
            data: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]))
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        try await pool.query(query).first?.decode(0, as: Int.self) ?? 0
    }

    func strings(_ query: PostgresQuery) async throws -> [String] {
        try await pool.query(query).map { try $0.decode(0, as: String.self) }
    }

    func setting(_ key: String, _ value: String) async throws {
        try await pool.execute("UPDATE settings SET value = \(value) WHERE key = \(key)")
    }

    func dispatcher(provider: (any SmsProvider)? = nil) -> SmsDispatcher {
        runtime.dispatcher(provider: provider ?? LocalSmsProvider(cipher: runtime.cipher))
    }

    func application() throws -> some ApplicationProtocol {
        try service.application()
    }

    func bearer(_ claims: AccessClaims) async throws -> HTTPFields {
        [.authorization: try await tokens.bearer(claims)]
    }

    func shutdown() async {
        await service.stop()
    }
}

/// People and organizations the tests project.
struct Cast {
    let enterpriseID = UUID()
    let enterpriseName = "平顶山市天瑞煤焦化有限公司"
    let memberID = UUID()
    let adminID = UUID()
    let otherAdminID = UUID()
    let liaisonID = UUID()
    let unitID = UUID()
    let unitAdminID = UUID()
    let inspectorID = UUID()
    let dispatcherID = UUID()
    let membershipID = UUID()

    static let memberPhone = "13812345678"
    static let adminPhone = "13900001111"

    var profile: EnterpriseProfile {
        EnterpriseProfile(
            enterpriseID: enterpriseID, uscc: "91410400MA44XXXX1X", name: enterpriseName, region: "410402",
            industry: "C", tags: [])
    }

    /// Projects the enterprise, its member and two admins, a liaison, a unit admin and an inspector, with phones.
    func project(into fixture: NotificationsFixture) async throws {
        let now = Date()
        let year = now.addingTimeInterval(365 * 86400)
        try await fixture.deliver(EnterpriseRegistered(enterprise: profile, origin: .imported, approved: true, registeredAt: now))
        try await fixture.deliver(
            MembershipGranted(
                membershipID: membershipID, enterpriseID: enterpriseID, accountID: memberID, role: .member,
                expiresAt: now.addingTimeInterval(7 * 86400), grantedBy: adminID, grantedAt: now))
        for admin in [adminID, otherAdminID] {
            try await fixture.deliver(
                MembershipGranted(
                    membershipID: UUID(), enterpriseID: enterpriseID, accountID: admin, role: .admin, expiresAt: year,
                    grantedBy: admin, grantedAt: now))
        }
        try await fixture.deliver(UnitCreated(unit: UnitProfile(unitID: unitID, name: "平顶山市发展和改革委员会", kind: .department, parentID: nil, region: "410400")))
        for (id, name, roles) in [
            (liaisonID, "张伟", [OfficialRole.liaison]), (unitAdminID, "李娜", [.unitAdmin]), (inspectorID, "王强", [.inspector]),
            (dispatcherID, "赵磊", [.dispatcher]),
        ] {
            try await fixture.deliver(
                OfficialCreated(
                    official: OfficialProfile(officialID: id, name: name, unitID: unitID, region: "410400", roles: roles, active: true),
                    createdAt: now))
        }
        try await fixture.deliver(LiaisonAssigned(enterpriseID: enterpriseID, officialID: liaisonID, unitID: unitID, assignedAt: now))
        let phones: [(UUID, String)] = [
            (memberID, Self.memberPhone), (adminID, Self.adminPhone), (otherAdminID, "13700002222"),
            (liaisonID, "13600003333"), (unitAdminID, "13500004444"), (inspectorID, "13300005555"),
        ]
        for (account, phone) in phones {
            try await fixture.deliver(AccountContactChanged(accountID: account, displayName: nil, phone: phone, changedAt: now))
        }
    }
}
