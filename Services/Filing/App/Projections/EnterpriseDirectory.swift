import Foundation
import Hummingbird
import Postgres

/// Reads of the identity read models: an enterprise's filing identity and its liaisons.
enum EnterpriseDirectory {
    struct Enterprise: Sendable, Equatable {
        var id: UUID
        var uscc: String
        var name: String
        var region: String
    }

    static func enterprise(_ id: UUID, on connection: PostgresConnection) async throws -> Enterprise? {
        try await connection.query("SELECT enterprise_id, uscc, name, region FROM enterprises WHERE enterprise_id = \(id)").first.map { row in
            Enterprise(id: try row.decode("enterprise_id"), uscc: try row.decode("uscc"), name: try row.decode("name"), region: try row.decode("region"))
        }
    }

    static func isLiaison(_ official: UUID, of enterprise: UUID, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query(
            "SELECT 1 FROM liaison_holdings WHERE official_id = \(official) AND enterprise_id = \(enterprise)")).isEmpty
    }
}
