import Foundation
import Hummingbird
import Postgres
import WorkCalendar
import ServiceKit

/// The settings of the deadline schemes: `deadline_schemes`, `deadline_steps` and which scheme a
/// category follows in a city (`scheme_assignments`). Schemes are read whole through `DeadlineScheme`.
enum DeadlineSchemeStore {
    struct Assignment: ResponseCodable, Equatable {
        var category: String
        var city: String
        var scheme: String
    }

    /// A page of scheme codes, in code order.
    static func codes(paging: Paging, on connection: PostgresConnection) async throws -> Page<String> {
        try await connection.page("SELECT code FROM deadline_schemes", orderBy: "code", paging: paging) {
            try $0.decode("code", as: String.self)
        }
    }

    /// Locks the scheme's row for a change; false when there is no such scheme.
    @discardableResult
    static func lockScheme(_ code: String, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM deadline_schemes WHERE code = \(code) FOR UPDATE")).isEmpty
    }

    static func exists(_ code: String, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM deadline_schemes WHERE code = \(code)")).isEmpty
    }

    /// Sets what is given, keeps the rest.
    static func update(_ code: String, dueSoonFraction: Double?, closureApproval: Bool?, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE deadline_schemes SET due_soon_fraction = COALESCE(\(dueSoonFraction), due_soon_fraction),
                closure_approval = COALESCE(\(closureApproval), closure_approval)
            WHERE code = \(code)
            """)
    }

    /// Locks one step of a scheme; its variant, or nil when there is no such step.
    static func lockStep(_ step: String, of code: String, on connection: PostgresConnection) async throws -> DeadlineScheme.Variant? {
        let rows = try await connection.query(
            "SELECT variant FROM deadline_steps WHERE scheme_code = \(code) AND step = \(step) FOR UPDATE")
        return try rows.first.map { DeadlineScheme.Variant(rawValue: try $0.decode("variant", as: String.self)) ?? .ordinary }
    }

    static func updateStep(
        _ step: String, of code: String, limitDays: Int?, counting: String?, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            UPDATE deadline_steps SET limit_days = COALESCE(\(limitDays), limit_days), counting = COALESCE(\(counting), counting)
            WHERE scheme_code = \(code) AND step = \(step)
            """)
    }

    static func assignments(paging: Paging, on connection: PostgresConnection) async throws -> Page<Assignment> {
        try await connection.page(
            "SELECT category_code, city, scheme_code FROM scheme_assignments", orderBy: "category_code, city", paging: paging
        ) { row in
            Assignment(category: try row.decode("category_code"), city: try row.decode("city"), scheme: try row.decode("scheme_code"))
        }
    }

    /// Locks and reads the scheme `category` follows in `city` (nil when none is set there).
    static func lockAssignment(category: String, city: String, on connection: PostgresConnection) async throws -> String? {
        try await connection.query(
            "SELECT scheme_code FROM scheme_assignments WHERE category_code = \(category) AND city = \(city) FOR UPDATE"
        ).first?.decode("scheme_code", as: String.self)
    }

    static func assign(_ assignment: Assignment, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO scheme_assignments (category_code, city, scheme_code)
            VALUES (\(assignment.category), \(assignment.city), \(assignment.scheme))
            ON CONFLICT (category_code, city) DO UPDATE SET scheme_code = EXCLUDED.scheme_code
            """)
    }

    /// The scheme `code` with its steps; nil when there is none.
    static func scheme(_ code: String, on connection: PostgresConnection) async throws -> DeadlineScheme? {
        guard let scheme = try await connection.query(
            "SELECT name, due_soon_fraction::float8 AS fraction, closure_approval FROM deadline_schemes WHERE code = \(code)"
        ).first else { return nil }
        let rows = try await connection.query(
            """
            SELECT step, status, limit_days, counting, checkpoint, variant FROM deadline_steps
            WHERE scheme_code = \(code) ORDER BY step
            """)
        let steps = try rows.map { row in
            DeadlineScheme.Step(
                code: try row.decode("step"), status: try row.decode("status"), limitDays: try row.decode("limit_days"),
                counting: DayCounting(rawValue: try row.decode("counting", as: String.self)) ?? .workingDays,
                checkpoint: try row.decode("checkpoint"),
                variant: DeadlineScheme.Variant(rawValue: try row.decode("variant", as: String.self)) ?? .ordinary)
        }
        return DeadlineScheme(
            code: code, name: try scheme.decode("name"), dueSoonFraction: try scheme.decode("fraction"),
            closureApproval: try scheme.decode("closure_approval"), steps: steps)
    }

    /// The scheme a category follows in the city of `region` (its first four digits): the category's
    /// own assignment there, else its assignment anywhere, else the city's default; nil when the city
    /// has none.
    static func schemeCode(for category: String, region: String, on connection: PostgresConnection) async throws -> String? {
        let city = String(region.prefix(4))
        let rows = try await connection.query(
            """
            SELECT scheme_code FROM (
                SELECT scheme_code, CASE WHEN city = '*' THEN 2 ELSE 1 END AS rank FROM scheme_assignments
                WHERE category_code = \(category) AND city IN (\(city), '*')
                UNION ALL
                SELECT scheme_code, 3 AS rank FROM city_schemes WHERE city = \(city)
            ) AS found ORDER BY rank LIMIT 1
            """)
        return try rows.first?.decode("scheme_code", as: String.self)
    }

    struct CityDefault: ResponseCodable, Equatable {
        var city: String
        var scheme: String
    }

    static func cityDefaults(paging: Paging, on connection: PostgresConnection) async throws -> Page<CityDefault> {
        try await connection.page("SELECT city, scheme_code FROM city_schemes", orderBy: "city", paging: paging) { row in
            CityDefault(city: try row.decode("city"), scheme: try row.decode("scheme_code"))
        }
    }

    /// Locks and reads the city's default scheme (nil when it has none).
    static func lockCityDefault(_ city: String, on connection: PostgresConnection) async throws -> String? {
        try await connection.query("SELECT scheme_code FROM city_schemes WHERE city = \(city) FOR UPDATE")
            .first?.decode("scheme_code", as: String.self)
    }

    static func setCityDefault(_ value: CityDefault, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO city_schemes (city, scheme_code) VALUES (\(value.city), \(value.scheme))
            ON CONFLICT (city) DO UPDATE SET scheme_code = EXCLUDED.scheme_code
            """)
    }
}
