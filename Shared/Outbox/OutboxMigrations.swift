import Foundation
import Postgres

/// The outbox and inbox tables, applied into every service's schema before its own migrations.
public enum OutboxMigrations {
    public static let component = "outbox"

    public static func load() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw OutboxError.missingMigrations
        }
        return try MigrationRunner.load(directory: directory)
    }
}
