import Contracts
import Foundation
import Postgres

/// Writes one `audit_log` row for an administrative change, on the connection of the change's own
/// transaction (so a change that fails, or is rolled back, leaves no row).
enum AuditTrail {
    /// Who made the change, and in which of their roles.
    struct Actor: Sendable {
        var id: UUID
        var role: String

        /// The first of `roles` the official holds (the role that allowed the change).
        static func official(_ principal: AccessClaims, acting roles: [OfficialRole]) -> Actor {
            let role = roles.first { principal.hasRole($0.rawValue) }
            return Actor(id: principal.accountID, role: role?.rawValue ?? "official")
        }
    }

    /// What kind of thing changed (`subject_kind`).
    enum Subject: String, Codable, Sendable, CaseIterable {
        case category
        case calendarYear
        case registerEntry
        case deadlineScheme
        case deadlineStep
        case schemeAssignment
    }

    /// `before` is nil for a creation, `after` nil for a removal.
    static func record(
        _ action: String, subject: Subject, id subjectID: String, before: (any Encodable)?, after: (any Encodable)?,
        by actor: Actor, at now: Date = Date(), on connection: PostgresConnection
    ) async throws {
        let encoder = EventJSON.makeEncoder()
        let beforeJSON = try before.map { try PostgresJSON(encoding: $0, encoder: encoder) }
        let afterJSON = try after.map { try PostgresJSON(encoding: $0, encoder: encoder) }
        try await connection.execute(
            """
            INSERT INTO audit_log (actor_id, actor_role, action, subject_kind, subject_id, before, after, at)
            VALUES (\(actor.id), \(actor.role), \(action), \(subject.rawValue), \(subjectID), \(beforeJSON), \(afterJSON), \(now))
            """)
    }
}
