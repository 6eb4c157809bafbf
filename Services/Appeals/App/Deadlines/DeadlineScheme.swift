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
        var variant: Variant
    }

    /// Which items a step times: every item, major/complex ones (replacing the ordinary step of the
    /// same status), or the step whose due time a filed plan's date sets.
    enum Variant: String, Sendable {
        case ordinary, major, plan
    }

    var code: String
    var name: String
    var dueSoonFraction: Double
    /// The assigning side approves closure (13710's "0") instead of the rating closing the item.
    var closureApproval: Bool
    var steps: [Step]

    /// The timed step of items in `status` (not a checkpoint); for a major matter the scheme's major
    /// variant when it has one.
    func step(for status: CaseStatus, major: Bool = false) -> Step? {
        if major, let step = step(variant: .major, status: status) { return step }
        return step(variant: .ordinary, status: status)
    }

    func step(variant: Variant, status: CaseStatus) -> Step? {
        steps.first { $0.status == status && !$0.checkpoint && $0.variant == variant }
    }

    func step(code: String) -> Step? {
        steps.first { $0.code == code }
    }

    func checkpoints(for status: CaseStatus) -> [Step] {
        steps.filter { $0.status == status && $0.checkpoint }
    }

    /// The scheme, or one without steps (no deadlines) when `code` names none.
    static func load(_ code: String, on connection: PostgresConnection) async throws -> DeadlineScheme {
        try await find(code, on: connection)
            ?? DeadlineScheme(code: code, name: code, dueSoonFraction: 0.75, closureApproval: false, steps: [])
    }

    static func find(_ code: String, on connection: PostgresConnection) async throws -> DeadlineScheme? {
        guard let scheme = try await connection.query(
            "SELECT name, due_soon_fraction::float8 AS fraction, closure_approval FROM deadline_schemes WHERE code = \(code)"
        ).first else { return nil }
        let rows = try await connection.query(
            """
            SELECT step, status, limit_days, counting, checkpoint, variant FROM deadline_steps
            WHERE scheme_code = \(code) ORDER BY step
            """)
        let steps = try rows.map { row in
            Step(
                code: try row.decode("step"), status: try row.decode("status"), limitDays: try row.decode("limit_days"),
                counting: DayCounting(rawValue: try row.decode("counting", as: String.self)) ?? .workingDays,
                checkpoint: try row.decode("checkpoint"),
                variant: Variant(rawValue: try row.decode("variant", as: String.self)) ?? .ordinary)
        }
        return DeadlineScheme(
            code: code, name: try scheme.decode("name"), dueSoonFraction: try scheme.decode("fraction"),
            closureApproval: try scheme.decode("closure_approval"), steps: steps)
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
