import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

extension FilingStore {
    /// Who a list is for: one enterprise, a liaison's enterprises, or a statistician's county (nil: the city).
    enum Scope {
        case enterprise(UUID)
        case liaison(UUID)
        case bureau(county: String?)
    }

    static func list(
        _ scope: Scope, period: String?, region: String?, status: String?, paging: Paging, on connection: PostgresConnection
    ) async throws -> Page<FilingSummary> {
        var enterpriseID: UUID?, liaisonID: UUID?, county: String?
        switch scope {
        case .enterprise(let id): enterpriseID = id
        case .liaison(let id): liaisonID = id
        case .bureau(let scope): county = scope
        }
        return try await connection.page(
            """
            SELECT f.id, f.reporting_enterprise_id, r.name, f.region, f.period, f.status, f.current_version, f.updated_at, v.flags
            FROM filings f JOIN reporting_enterprises r ON r.id = f.reporting_enterprise_id
            JOIN filing_versions v ON v.filing_id = f.id AND v.version = f.current_version
            WHERE (\(enterpriseID)::uuid IS NULL OR f.enterprise_id = \(enterpriseID))
              AND (\(liaisonID)::uuid IS NULL OR f.enterprise_id IN (SELECT enterprise_id FROM liaison_holdings WHERE official_id = \(liaisonID)))
              AND (\(county)::text IS NULL OR f.region = \(county))
              AND (\(period)::text IS NULL OR f.period = \(period))
              AND (\(region)::text IS NULL OR f.region = \(region))
              AND (\(status)::text IS NULL OR f.status = \(status))
            """, orderBy: "f.period DESC, r.serial_no", paging: paging
        ) { row in
            let flags: PostgresJSON = try row.decode("flags")
            return FilingSummary(
                id: try row.decode("id"), reportingEnterpriseID: try row.decode("reporting_enterprise_id"), enterpriseName: try row.decode("name"),
                region: try row.decode("region"), period: try row.decode("period"), status: try row.decode("status"),
                version: try row.decode("current_version"), flags: try flags.decode([FilingChecks.Finding].self).map(\.flag),
                updatedAt: try row.decode("updated_at"))
        }
    }

    /// Locks a county's filings of a month that are countersigned, for approval.
    static func lockCountersigned(region: String, period: String, on connection: PostgresConnection) async throws -> [FilingRecord] {
        try await connection.query(
            """
            SELECT \(unescaped: FilingRecord.columns) FROM filings
            WHERE region = \(region) AND period = \(period) AND status = 'countersigned' ORDER BY id FOR UPDATE
            """
        ).map(FilingRecord.init)
    }

    /// How many of a county's filings of a month are still waiting for their liaison's countersignature.
    static func awaitingCountersignature(region: String, period: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(
            "SELECT count(*)::int AS n FROM filings WHERE region = \(region) AND period = \(period) AND status = 'submitted'"
        ).first?.decode("n", as: Int.self) ?? 0
    }
}
