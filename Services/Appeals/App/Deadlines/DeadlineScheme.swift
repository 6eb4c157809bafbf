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
        try await DeadlineSchemeStore.scheme(code, on: connection)
            ?? DeadlineScheme(code: code, name: code, dueSoonFraction: 0.75, closureApproval: false, steps: [])
    }
}
