import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The filters of a statistics request, checked (field-named 400s).
struct StatisticsQuery: Sendable {
    /// The items a figure is made of.
    enum Measure: String, CaseIterable, Sendable {
        case received, signed, signedLate, concluded, concludedLate, overdue, replied, rated, unsolved, unsatisfied, reopened
        case withdrawn, markedMajor
        /// Counted for the first responder (首接), not the lead unit.
        case firstResponded, reassignedAway

        var byFirstResponder: Bool { self == .firstResponded || self == .reassignedAway }
    }

    var month: String
    var unitID: UUID?
    var region: String?
    var category: String?
    var kind: String?

    init(_ request: Request, month: String?) throws {
        self.month = try FilingPeriod.parse(month, field: "month").description
        let query = request.uri.queryParameters
        unitID = try Self.unit(request)
        region = try Self.matching(query.get("region"), "region", #"^[0-9]{6}\z"#, "must be a 6-digit region code")
        category = try Self.matching(
            query.get("category"), "category", #"^[A-Za-z][A-Za-z0-9-]{0,63}\z"#, "must be a category code (letters, digits, '-')")
        kind = try Self.matching(query.get("kind"), "kind", #"^(appeal|complaint)\z"#, "must be appeal or complaint")
    }

    /// The filters as conditions on `stat_cases c`, the unit's on `unitColumn` (the lead unit's, or the
    /// first responder's); only cases with such a unit.
    func caseConditions(unitColumn: String = "c.unit_id") -> PostgresQuery {
        """
        \(unescaped: unitColumn) IS NOT NULL AND (\(unitID)::uuid IS NULL OR \(unescaped: unitColumn) = \(unitID))
          AND (\(region)::text IS NULL OR c.region = \(region))
          AND (\(category)::text IS NULL OR c.category = \(category))
          AND (\(kind)::text IS NULL OR c.kind = \(kind))
        """
    }

    /// The `unit` filter, if given (a 400 naming it when it is not a UUID).
    static func unit(_ request: Request) throws -> UUID? {
        guard let text = request.uri.queryParameters.get("unit") else { return nil }
        guard let id = UUID(uuidString: text) else { throw APIError.invalid("unit", "must be a unit id (UUID)") }
        return id
    }

    static func measure(_ request: Request) throws -> Measure {
        guard let text = request.uri.queryParameters.get("measure"), let measure = Measure(rawValue: text) else {
            throw APIError.invalid("measure", "must be one of \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return measure
    }

    private static func matching(_ value: String?, _ field: String, _ pattern: String, _ message: String) throws -> String? {
        guard let value else { return nil }
        guard value.range(of: pattern, options: .regularExpression) != nil else { throw APIError.invalid(field, message) }
        return value
    }
}
