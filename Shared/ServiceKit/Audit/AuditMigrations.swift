import Foundation
import Postgres

/// The audit trail's table and functions, applied into every service's schema after the outbox's
/// and before the service's own migrations.
public enum AuditMigrations {
    public static let component = "audit"

    public static func load() throws -> [Migration] { try MigrationRunner.load(bundle: .module) }
}
