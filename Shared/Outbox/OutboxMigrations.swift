import Foundation
import Postgres

/// The outbox and inbox tables, applied into every service's schema before its own migrations.
public enum OutboxMigrations {
    public static let component = "outbox"

    public static func load() throws -> [Migration] { try MigrationRunner.load(bundle: .module) }
}
