import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Every statement of filings: `filings`, `filing_versions`, `filing_values`, `filing_items` and
/// `filing_status_history`.
enum FilingStore {
    /// The enterprise's filing of the month, locked; when there is none yet, concurrent first submissions of
    /// the month wait for each other here (so the second becomes a revision, not a duplicate-key error).
    static func lock(_ reportingEnterpriseID: UUID, period: String, on connection: PostgresConnection) async throws -> FilingRecord? {
        let key = "\(reportingEnterpriseID.uuidString)/\(period)"
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.filing/' || \(key)))")
        return try await connection.query(
            """
            SELECT \(unescaped: FilingRecord.columns) FROM filings
            WHERE reporting_enterprise_id = \(reportingEnterpriseID) AND period = \(period) FOR UPDATE
            """
        ).first.map(FilingRecord.init)
    }

    static func load(_ id: UUID, forUpdate: Bool = false, on connection: PostgresConnection) async throws -> FilingRecord? {
        try await connection.query(
            "SELECT \(unescaped: FilingRecord.columns) FROM filings WHERE id = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")"
        ).first.map(FilingRecord.init)
    }

    static func insert(_ filing: FilingRecord, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO filings (id, reporting_enterprise_id, enterprise_id, period, region, status, current_version, first_submitted_at, updated_at)
            VALUES (\(filing.id), \(filing.reportingEnterpriseID), \(filing.enterpriseID), \(filing.period), \(filing.region),
                    \(filing.status.rawValue), \(filing.currentVersion), \(filing.firstSubmittedAt), \(filing.updatedAt))
            """)
    }

    static func update(_ id: UUID, status: FilingRecord.Status, version: Int, enterpriseID: UUID, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE filings SET status = \(status.rawValue), current_version = \(version), enterprise_id = \(enterpriseID), updated_at = \(time)
            WHERE id = \(id)
            """)
    }

    static func setStatus(_ id: UUID, _ status: FilingRecord.Status, at time: Date, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE filings SET status = \(status.rawValue), updated_at = \(time) WHERE id = \(id)")
    }

    /// Writes a version: its row, its items and its figures (one statement each).
    static func insertVersion(_ version: FilingVersionRecord, of filingID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO filing_versions (filing_id, version, contact_name, phone_key_id, phone_sealed, key_industry_type, explanation,
                                         flags, submitted_by, submitted_at)
            VALUES (\(filingID), \(version.version), \(version.contactName), \(version.phoneKeyID), \(version.phoneSealed),
                    \(version.keyIndustryType), \(version.explanation), \(try PostgresJSON(encoding: version.flags)),
                    \(version.submittedBy), \(version.submittedAt))
            """)
        struct Item: Encodable { var section: String; var position: Int; var name: String; var unit: String }
        struct Value: Encodable { var section: String; var position: Int; var item_name: String; var unit: String; var measure: String; var value: String }
        var items: [Item] = []
        for entry in version.sheet.entries where entry.section != "enterprise" && !items.contains(where: { $0.section == entry.section && $0.position == entry.position }) {
            items.append(Item(section: entry.section, position: entry.position, name: entry.item, unit: entry.isPercent ? "" : entry.unit))
        }
        let units = Dictionary(version.sheet.entries.filter { !$0.isPercent }.map { ("\($0.section)|\($0.position)", $0.unit) }, uniquingKeysWith: { first, _ in first })
        items = items.map { item in var item = item; item.unit = units["\(item.section)|\(item.position)"] ?? item.unit; return item }
        if !items.isEmpty {
            try await connection.execute(
                """
                INSERT INTO filing_items (filing_id, version, section, position, name, unit)
                SELECT \(filingID), \(version.version), section, position, name, unit
                FROM jsonb_to_recordset(\(try PostgresJSON(encoding: items))) AS x(section text, position int, name text, unit text)
                """)
        }
        let values = version.sheet.entries.compactMap { entry in
            entry.value.map {
                Value(section: entry.section, position: entry.position, item_name: entry.item, unit: entry.unit, measure: entry.measure, value: Amount.text($0))
            }
        }
        if !values.isEmpty {
            try await connection.execute(
                """
                INSERT INTO filing_values (filing_id, version, section, position, item_name, unit, measure, value)
                SELECT \(filingID), \(version.version), section, position, item_name, unit, measure, value
                FROM jsonb_to_recordset(\(try PostgresJSON(encoding: values)))
                    AS x(section text, position int, item_name text, unit text, measure text, value numeric)
                """)
        }
    }

    static func version(_ number: Int, of filingID: UUID, on connection: PostgresConnection) async throws -> FilingVersionRecord? {
        guard let row = try await connection.query(
            """
            SELECT version, contact_name, phone_key_id, phone_sealed, key_industry_type, explanation, flags, submitted_by, submitted_at
            FROM filing_versions WHERE filing_id = \(filingID) AND version = \(number)
            """
        ).first else { return nil }
        let flags: PostgresJSON = try row.decode("flags")
        let items = try await connection.query(
            "SELECT section, position, name, unit FROM filing_items WHERE filing_id = \(filingID) AND version = \(number)"
        ).map { row -> (String, Int, String, String) in (try row.decode("section"), try row.decode("position"), try row.decode("name"), try row.decode("unit")) }
        let values = try await connection.query(
            "SELECT section, position, item_name, unit, measure, value FROM filing_values WHERE filing_id = \(filingID) AND version = \(number)"
        ).map { row -> FigureSheet.Entry in
            let measure: String = try row.decode("measure")
            return FigureSheet.Entry(
                section: try row.decode("section"), position: try row.decode("position"), item: try row.decode("item_name"),
                unit: try row.decode("unit"), measure: measure, field: measure, value: try row.decode("value", as: Decimal.self),
                isPercent: FigureSheet.isPercentMeasure(measure))
        }
        var entries = values
        // Each item's name and unit, as an entry without a measure.
        for (section, position, name, unit) in items {
            entries.append(FigureSheet.Entry(section: section, position: position, item: name, unit: unit, measure: "", field: "", value: nil, isPercent: false))
        }
        return FilingVersionRecord(
            version: try row.decode("version"), contactName: try row.decode("contact_name"), phoneKeyID: try row.decode("phone_key_id"),
            phoneSealed: try row.decode("phone_sealed"), keyIndustryType: try row.decode("key_industry_type"),
            explanation: try row.decode("explanation"), flags: try flags.decode([FilingChecks.Finding].self),
            submittedBy: try row.decode("submitted_by"), submittedAt: try row.decode("submitted_at"),
            sheet: FigureSheet(entries: entries))
    }

    /// The figures of the enterprise's current filing of `period`, by figure key; nil when it has none.
    static func figures(of reportingEnterpriseID: UUID, period: String, on connection: PostgresConnection) async throws -> [String: Decimal]? {
        let rows = try await connection.query(
            """
            SELECT v.section, v.item_name, v.measure, v.value FROM filings f
            JOIN filing_values v ON v.filing_id = f.id AND v.version = f.current_version
            WHERE f.reporting_enterprise_id = \(reportingEnterpriseID) AND f.period = \(period)
            """)
        if rows.isEmpty {
            let filed = try await connection.query(
                "SELECT 1 FROM filings WHERE reporting_enterprise_id = \(reportingEnterpriseID) AND period = \(period)")
            guard !filed.isEmpty else { return nil }
        }
        var figures: [String: Decimal] = [:]
        for row in rows {
            let key = FigureSheet.key(section: try row.decode("section"), item: try row.decode("item_name"), measure: try row.decode("measure"))
            figures[key] = try row.decode("value", as: Decimal.self)
        }
        return figures
    }

    /// Each figure's range over the enterprise's filings of the months before `period`.
    static func history(of reportingEnterpriseID: UUID, before period: String, on connection: PostgresConnection) async throws -> [String: FilingChecks.Range] {
        let rows = try await connection.query(
            """
            SELECT v.section, CASE WHEN v.section = 'enterprise' THEN '' ELSE v.item_name END AS item, v.measure,
                   min(v.value) AS low, max(v.value) AS high, count(*)::int AS n
            FROM filings f JOIN filing_values v ON v.filing_id = f.id AND v.version = f.current_version
            WHERE f.reporting_enterprise_id = \(reportingEnterpriseID) AND f.period < \(period)
            GROUP BY 1, 2, 3
            """)
        var ranges: [String: FilingChecks.Range] = [:]
        for row in rows {
            let key = FigureSheet.key(section: try row.decode("section"), item: try row.decode("item"), measure: try row.decode("measure"))
            ranges[key] = FilingChecks.Range(min: try row.decode("low"), max: try row.decode("high"), count: try row.decode("n"))
        }
        return ranges
    }

    static func appendStatus(
        _ filingID: UUID, status: FilingRecord.Status, action: String, by actor: UUID, note: String?, at time: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO filing_status_history (filing_id, status, action, by_actor, note, at)
            VALUES (\(filingID), \(status.rawValue), \(action), \(actor), \(note), \(time))
            """)
    }

    struct StatusChange: ResponseCodable, Equatable {
        var status: String
        var action: String
        var by: UUID
        var note: String?
        var at: Date
    }

    static func statusHistory(of filingID: UUID, on connection: PostgresConnection) async throws -> [StatusChange] {
        try await connection.query(
            "SELECT status, action, by_actor, note, at FROM filing_status_history WHERE filing_id = \(filingID) ORDER BY seq"
        ).map { row in
            StatusChange(status: try row.decode("status"), action: try row.decode("action"), by: try row.decode("by_actor"), note: try row.decode("note"), at: try row.decode("at"))
        }
    }

    struct VersionSummary: ResponseCodable, Equatable {
        var version: Int
        var submittedBy: UUID
        var submittedAt: Date
    }

    static func versions(of filingID: UUID, on connection: PostgresConnection) async throws -> [VersionSummary] {
        try await connection.query(
            "SELECT version, submitted_by, submitted_at FROM filing_versions WHERE filing_id = \(filingID) ORDER BY version"
        ).map { row in
            VersionSummary(version: try row.decode("version"), submittedBy: try row.decode("submitted_by"), submittedAt: try row.decode("submitted_at"))
        }
    }
}
