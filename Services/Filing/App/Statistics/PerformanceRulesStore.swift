import Foundation
import Postgres

/// The performance review's rules as stored: the indicators, the city's and the units' own weights,
/// the thresholds.
enum PerformanceRulesStore {
    /// The rules for `unitID` (its own weights when it has them, else the city's), or the city's.
    static func rules(for unitID: UUID?, on connection: PostgresConnection) async throws -> PerformanceRules {
        let rows = try await connection.query(
            """
            SELECT i.code, i.name, w.weight::text AS weight, w.unit_id IS NOT NULL AS own
            FROM performance_indicators i
            JOIN performance_weights w ON w.indicator = i.code
            WHERE w.unit_id IS NOT DISTINCT FROM \(unitID)
               OR (w.unit_id IS NULL AND NOT EXISTS (SELECT 1 FROM performance_weights o WHERE o.unit_id = \(unitID)))
            ORDER BY i.position
            """)
        var weights: [IndicatorWeight] = []
        var own = false
        for row in rows {
            let code: String = try row.decode("code")
            guard let indicator = PerformanceIndicator(rawValue: code) else { continue }
            weights.append(IndicatorWeight(indicator: indicator, name: try row.decode("name"), weight: try row.decode("weight")))
            own = try row.decode("own")
        }
        let thresholds = try await connection.query(
            "SELECT lagging_below::text AS lagging_below, consecutive_months FROM performance_thresholds")
        guard let threshold = thresholds.first else { throw MissingThresholds() }
        return PerformanceRules(
            unitID: unitID, ownWeights: own, weights: weights, laggingBelow: try threshold.decode("lagging_below"),
            consecutiveMonths: try threshold.decode("consecutive_months"))
    }

    /// Every unit with weights of its own.
    static func unitsWithOwnWeights(on connection: PostgresConnection) async throws -> [UUID] {
        try await connection.query("SELECT DISTINCT unit_id FROM performance_weights WHERE unit_id IS NOT NULL").map {
            try $0.decode("unit_id", as: UUID.self)
        }
    }

    /// Serialises changes of the rules.
    static func lock(on connection: PostgresConnection) async throws {
        try await connection.execute("SELECT 1 FROM performance_thresholds FOR UPDATE")
    }

    /// Replaces the weights of a scope (nil: the city's).
    static func setWeights(
        _ weights: [PerformanceIndicator: Decimal], unitID: UUID?, by account: UUID, at time: Date, on connection: PostgresConnection
    ) async throws {
        try await removeWeights(unitID: unitID, on: connection)
        for indicator in PerformanceIndicator.allCases {
            let weight = "\(weights[indicator] ?? 0)"
            try await connection.execute(
                """
                INSERT INTO performance_weights (unit_id, indicator, weight, changed_at, changed_by)
                VALUES (\(unitID), \(indicator.rawValue), \(weight)::numeric, \(time), \(account))
                """)
        }
    }

    /// Drops a scope's weights (nil: the city's; only replaced, never dropped, by callers).
    @discardableResult
    static func removeWeights(unitID: UUID?, on connection: PostgresConnection) async throws -> Int {
        try await connection.execute("DELETE FROM performance_weights WHERE unit_id IS NOT DISTINCT FROM \(unitID)")
    }

    static func setThresholds(laggingBelow: Decimal, consecutiveMonths: Int, by account: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE performance_thresholds SET lagging_below = \("\(laggingBelow)")::numeric, consecutive_months = \(consecutiveMonths),
                changed_at = \(time), changed_by = \(account)
            """)
    }
}

/// The thresholds row (seeded by migration 0021) is missing: the schema is broken.
struct MissingThresholds: Error {}
