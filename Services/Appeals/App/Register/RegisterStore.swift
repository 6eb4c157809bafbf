import Contracts
import Foundation
import Postgres
import ServiceKit

/// The public register's reads of `cases`, and officials withholding an item from it or releasing it.
enum RegisterStore {
    /// What qualifies: closed (not withdrawn), appeals always, complaints when marked public, and
    /// not withheld.
    static let visible = """
        c.status = 'closed' AND c.register_withheld IS NULL AND (c.kind = 'appeal' OR c.public_requested)
        """

    struct Filter: Sendable {
        var kind: CaseKind?
        var region: String?
        var category: String?
        var nature: ComplaintForm.Nature?
        var order = Order.submittedDescending
    }

    /// The register's orders: by submission time (提交时间, newest first by default, as the manual's
    /// 诉求公示 lists), or by closing time.
    enum Order: String, CaseIterable, Sendable {
        case submittedDescending = "time_desc"
        case submittedAscending = "time_asc"
        case closedDescending = "closed_desc"
        case closedAscending = "closed_asc"

        var sql: String {
            switch self {
            case .submittedDescending: "submitted_at DESC, serial_number"
            case .submittedAscending: "submitted_at ASC, serial_number"
            case .closedDescending: "closed_at DESC, serial_number"
            case .closedAscending: "closed_at ASC, serial_number"
            }
        }
    }

    /// A page of the register, each item made an `Entry` by `entry`.
    static func page<Entry>(
        _ filter: Filter, paging: Paging, on connection: PostgresConnection, _ entry: (CaseRecord) throws -> Entry
    ) async throws -> Page<Entry> {
        var query: PostgresQuery = "SELECT \(unescaped: CaseRecord.columns(alias: "c")) FROM cases c WHERE \(unescaped: visible)"
        if let kind = filter.kind { query.append(" AND c.kind = \(kind)") }
        if let region = filter.region { query.append(" AND c.region = \(region)") }
        if let category = filter.category { query.append(" AND c.category = \(category)") }
        if let nature = filter.nature { query.append(" AND c.kind = 'complaint' AND c.form->>'nature' = \(nature.rawValue)") }
        return try await connection.page(
            query, orderBy: filter.order.sql, paging: paging) { try entry(try CaseRecord(row: $0)) }
    }

    static func entry(_ id: UUID, on connection: PostgresConnection) async throws -> CaseRecord? {
        try await connection.query(
            "SELECT \(unescaped: CaseRecord.columns(alias: "c")) FROM cases c WHERE c.id = \(id) AND \(unescaped: visible)"
        ).first.map(CaseRecord.init(row:))
    }

    /// Withholds the item with `reason`; false when there is no such item or it is withheld already.
    static func withhold(_ id: UUID, reason: String, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            "UPDATE cases SET register_withheld = \(reason), updated_at = now() WHERE id = \(id) AND register_withheld IS NULL") == 1
    }

    /// Locks the item; `.some(nil)` when it is not withheld, nil when there is no such item.
    static func lockWithheldReason(_ id: UUID, on connection: PostgresConnection) async throws -> String?? {
        guard let row = try await connection.query("SELECT register_withheld FROM cases WHERE id = \(id) FOR UPDATE").first else {
            return nil
        }
        return .some(try row.decode("register_withheld", as: String?.self))
    }

    static func release(_ id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE cases SET register_withheld = NULL, updated_at = now() WHERE id = \(id)")
    }

    /// Every person's name the service knows (`person_names`, kept by triggers on cases and officials).
    static func personNames(on connection: PostgresConnection) async throws -> [String] {
        try await connection.query("SELECT name FROM person_names").map { try $0.decode("name", as: String.self) }
    }

    /// The item's archive entry for a change of its place in the register (its status stays).
    static func archive(
        _ action: String, _ id: UUID, note: String?, by official: AccessClaims, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO case_history (case_id, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note, at,
                actor_name, actor_unit_name)
            SELECT id, \(action), status, status, \(official.accountID), 'official', \(official.unitID), \(note), now(),
                (SELECT name FROM officials WHERE official_id = \(official.accountID)),
                (SELECT name FROM units WHERE unit_id = \(official.unitID))
            FROM cases WHERE id = \(id)
            """)
    }
}
