import Contracts
import Foundation
import Postgres
import ServiceLifecycle

/// After each calendar month (Asia/Shanghai), finds officials with no recorded contact with an
/// enterprise they looked after for the whole month, and publishes LiaisonContactGap once each.
public final class ContactGapJob: Service, Sendable {
    let runtime: IdentityRuntime

    init(runtime: IdentityRuntime) {
        self.runtime = runtime
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await self.check(month: Self.previousMonth(of: Date()))
                } catch {
                    self.runtime.logger.warning("contact gap check failed", metadata: ["error": "\(type(of: error))"])
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    /// Checks one month (`yyyy-MM`); returns the number of new gaps.
    @discardableResult
    public func check(month: String) async throws -> Int {
        try await runtime.pool.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('identity.contact_gaps'))")
            let rows = try await connection.query(
                """
                WITH bounds AS (
                    SELECT to_date(\(month), 'YYYY-MM') AS first_day,
                           (to_date(\(month), 'YYYY-MM') + interval '1 month')::date AS next_first)
                INSERT INTO liaison_contact_gaps (enterprise_id, official_id, month)
                SELECT l.enterprise_id, l.official_id, \(month) FROM liaison_assignments l, bounds b
                WHERE (l.assigned_at AT TIME ZONE 'Asia/Shanghai')::date <= b.first_day
                  AND (l.ended_at IS NULL OR (l.ended_at AT TIME ZONE 'Asia/Shanghai')::date >= b.next_first)
                  AND NOT EXISTS (
                    SELECT 1 FROM liaison_contacts c WHERE c.official_id = l.official_id AND c.enterprise_id = l.enterprise_id
                      AND c.contact_date >= b.first_day AND c.contact_date < b.next_first)
                ON CONFLICT DO NOTHING
                RETURNING enterprise_id, official_id
                """)
            for row in rows {
                try await runtime.deps.outbox.append(
                    LiaisonContactGap(enterpriseID: try row.decode("enterprise_id"), officialID: try row.decode("official_id"), month: month),
                    on: connection)
            }
            return rows.count
        }
    }

    static func previousMonth(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let previous = calendar.date(byAdding: .month, value: -1, to: date) ?? date
        let parts = calendar.dateComponents([.year, .month], from: previous)
        return String(format: "%04d-%02d", parts.year ?? 2000, parts.month ?? 1)
    }
}
