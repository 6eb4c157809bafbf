import Foundation
import Postgres
import WorkCalendar

/// One city's (or category's) deadline scheme as stored in `deadline_schemes` / `deadline_steps`.
struct DeadlineScheme: Sendable {
    struct Step: Sendable {
        var code: String
        var status: CaseStatus
        var limitDays: Int?
        var counting: DayCounting
        var checkpoint: Bool
    }

    var code: String
    var dueSoonFraction: Double
    var steps: [Step]

    /// The timed step of items in `status` (not a checkpoint).
    func step(for status: CaseStatus) -> Step? {
        steps.first { $0.status == status && !$0.checkpoint }
    }

    func checkpoints(for status: CaseStatus) -> [Step] {
        steps.filter { $0.status == status && $0.checkpoint }
    }

    static func load(_ code: String, on connection: PostgresConnection) async throws -> DeadlineScheme {
        let schemes = try await connection.query(
            "SELECT due_soon_fraction::float8 AS fraction FROM deadline_schemes WHERE code = \(code)")
        let fraction = try schemes.first?.decode("fraction", as: Double.self) ?? 0.75
        let rows = try await connection.query(
            "SELECT step, status, limit_days, counting, checkpoint FROM deadline_steps WHERE scheme_code = \(code) ORDER BY step")
        let steps = try rows.map { row in
            Step(
                code: try row.decode("step"), status: try row.decode("status"), limitDays: try row.decode("limit_days"),
                counting: DayCounting(rawValue: try row.decode("counting", as: String.self)) ?? .workingDays,
                checkpoint: try row.decode("checkpoint"))
        }
        return DeadlineScheme(code: code, dueSoonFraction: fraction, steps: steps)
    }

    /// The scheme a category follows in the city of `region` (its first four digits), else anywhere.
    static func code(for category: String, region: String, on connection: PostgresConnection) async throws -> String {
        let city = String(region.prefix(4))
        let rows = try await connection.query(
            """
            SELECT scheme_code FROM scheme_assignments WHERE category_code = \(category) AND city IN (\(city), '*')
            ORDER BY city = '*' LIMIT 1
            """)
        return try rows.first?.decode("scheme_code", as: String.self) ?? "shiyan"
    }
}
