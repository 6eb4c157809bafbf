import Foundation

/// One numbered SQL migration, usually loaded from a file named `NNNN_name.sql`.
///
/// The SQL runs inside a transaction with `search_path` set to the service's schema, so it must
/// not contain `BEGIN`/`COMMIT` or statements that refuse transactions (`CREATE INDEX CONCURRENTLY`).
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// `0003_add_index`, as written in logs and errors.
    public var label: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// Parses `NNNN_name.sql` into version and name; nil when the name does not fit.
    static func parseFileName(_ fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let version = Int(digits), version > 0, version <= Int(Int32.max),
            !name.isEmpty, name.allSatisfy(nameCharacters.contains)
        else { return nil }
        return (version, String(name))
    }
}

extension MigrationRunner {
    /// Loads the `Migrations` folder a target ships as a resource (`resources: [.copy("Migrations")]`).
    public static func load(bundle: Bundle) throws -> [Migration] {
        guard let directory = bundle.url(forResource: "Migrations", withExtension: nil) else {
            throw PostgresError(code: .invalidMigration, context: "no Migrations folder in \(bundle.bundlePath)")
        }
        return try load(directory: directory)
    }

    /// Loads every `*.sql` file of `directory` (other files are ignored), sorted by version.
    /// Throws `.invalidMigration` for a `.sql` file not named `NNNN_name.sql` (version 1 or more)
    /// and for two files with the same version.
    public static func load(directory: URL) throws -> [Migration] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        } catch {
            throw PostgresError(
                code: .invalidMigration, context: "cannot read migrations directory \(directory.path)")
        }
        var migrations: [Migration] = []
        for file in files where file.pathExtension == "sql" {
            let fileName = file.lastPathComponent
            guard let (version, name) = Migration.parseFileName(fileName) else {
                throw PostgresError(
                    code: .invalidMigration,
                    context: "migration file \(fileName) is not named NNNN_name.sql (version ≥ 1, name of [A-Za-z0-9_-])")
            }
            let sql: String
            do {
                sql = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw PostgresError(code: .invalidMigration, context: "cannot read migration file \(fileName) as UTF-8")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return try validated(migrations)
    }

    /// Sorts by version; throws `.invalidMigration` for duplicate or out-of-range versions.
    static func validated(_ migrations: [Migration]) throws -> [Migration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for migration in sorted where migration.version < 1 || migration.version > Int(Int32.max) {
            throw PostgresError(code: .invalidMigration, context: "migration \(migration.label) has an invalid version")
        }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw PostgresError(
                code: .invalidMigration,
                context: "migrations \(previous.label) and \(next.label) share version \(next.version)")
        }
        return sorted
    }
}
