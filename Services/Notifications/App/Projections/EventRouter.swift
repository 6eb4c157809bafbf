import Contracts
import Postgres

/// Applies one event: its identity projection when it has one, then its rules, in the caller's
/// (the inbox's) transaction. Every event type reaches the rules, so a new type needs only rule rows.
struct EventRouter: Sendable {
    typealias Projection = @Sendable (EventEnvelope, PostgresConnection) async throws -> Void

    let projections: [String: Projection]
    let rules: RuleEngine

    init(contacts: ContactProjection, rules: RuleEngine) {
        self.rules = rules
        var projections: [String: Projection] = [:]
        func on<Event: DomainEvent>(
            _ type: Event.Type, _ project: @escaping @Sendable (Event, PostgresConnection) async throws -> Void
        ) {
            projections[Event.eventType] = { envelope, connection in
                try await project(try envelope.decode(Event.self), connection)
            }
        }
        on(EnterpriseRegistered.self) { event, c in
            try await IdentityProjection.enterprise(event.enterprise, approved: event.approved, on: c)
        }
        on(EnterpriseApproved.self) { event, c in
            try await IdentityProjection.enterprise(event.enterprise, approved: true, on: c)
        }
        on(EnterpriseUpdated.self) { event, c in
            try await IdentityProjection.enterprise(event.enterprise, approved: nil, on: c)
        }
        on(EnterpriseRejected.self) { event, c in try await IdentityProjection.rejected(event, on: c) }
        on(MembershipGranted.self) { event, c in
            try await IdentityProjection.membership(
                id: event.membershipID, enterpriseID: event.enterpriseID, accountID: event.accountID,
                role: event.role.rawValue, expiresAt: event.expiresAt, on: c)
        }
        on(MembershipRevoked.self) { event, c in try await IdentityProjection.endMembership(id: event.membershipID, on: c) }
        on(MembershipExpired.self) { event, c in try await IdentityProjection.endMembership(id: event.membershipID, on: c) }
        on(LiaisonAssigned.self) { event, c in try await IdentityProjection.liaisonAssigned(event, on: c) }
        on(LiaisonUnassigned.self) { event, c in try await IdentityProjection.liaisonUnassigned(event, on: c) }
        on(OfficialCreated.self) { event, c in try await IdentityProjection.official(event.official, on: c) }
        on(OfficialUpdated.self) { event, c in try await IdentityProjection.official(event.official, on: c) }
        on(UnitCreated.self) { event, c in try await IdentityProjection.unit(event.unit, on: c) }
        on(UnitUpdated.self) { event, c in try await IdentityProjection.unit(event.unit, on: c) }
        on(AccountContactChanged.self) { event, c in try await contacts.apply(event, on: c) }
        self.projections = projections
    }

    func apply(_ envelope: EventEnvelope, on connection: PostgresConnection) async throws {
        if let projection = projections[envelope.type] {
            try await projection(envelope, connection)
        }
        try await rules.apply(envelope, on: connection)
    }
}
