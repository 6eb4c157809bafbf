import Foundation
import Hummingbird
import Postgres
import ServiceKit
import Validators

/// 信息公示 notices (`redemption_notices`) and their entries, and the public project look-up.
enum NoticeStore {
    static let noun = "notice"

    struct Entry: Codable, Sendable {
        /// The enterprise's name, or 个人申报人 for an individual (never named).
        var applicant: String
        var amount: String
    }

    /// A notice; `open` while its deadline (公示截止) is today or later (Beijing); `entries` in the detail only.
    struct Record: ResponseCodable, Sendable {
        var id: UUID
        var itemID: UUID
        var itemTitle: String
        var project: String
        var unitID: UUID
        var unitName: String?
        var title: String
        var body: String
        var deadline: String
        var publishedAt: Date
        var approvedCount: Int
        var totalAmount: String
        var open: Bool
        var entries: [Entry]?
    }

    static let individual = "个人申报人"

    static let columns = """
        n.notice_id, n.item_id, i.title AS item_title, i.project, n.unit_id, (SELECT u.name FROM units u WHERE u.unit_id = n.unit_id) AS unit_name,
        n.title, n.body, to_char(n.deadline, 'YYYY-MM-DD') AS deadline, n.published_at,
        n.deadline >= (now() AT TIME ZONE 'Asia/Shanghai')::date AS open,
        (SELECT count(*) FROM redemption_notice_entries e WHERE e.notice_id = n.notice_id)::int AS approved_count,
        (SELECT coalesce(sum(e.amount), 0)::numeric(15, 2)::text FROM redemption_notice_entries e WHERE e.notice_id = n.notice_id) AS total_amount
        """

    static func record(_ row: PostgresRow) throws -> Record {
        Record(
            id: try row.decode("notice_id"), itemID: try row.decode("item_id"), itemTitle: try row.decode("item_title"),
            project: try row.decode("project"), unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"), title: try row.decode("title"),
            body: try row.decode("body"), deadline: try row.decode("deadline"), publishedAt: try row.decode("published_at"),
            approvedCount: try row.decode("approved_count"), totalAmount: try row.decode("total_amount"), open: try row.decode("open"))
    }

    /// A notice of the item's approved applications that no earlier notice listed; false when there are none.
    static func insert(
        id: UUID, itemID: UUID, unitID: UUID, title: String, body: String, deadline: String, by accountID: UUID, at now: Date,
        on connection: PostgresConnection
    ) async throws -> Bool {
        try await connection.execute(
            """
            INSERT INTO redemption_notices (notice_id, item_id, unit_id, title, body, deadline, published_by, published_at)
            VALUES (\(id), \(itemID), \(unitID), \(title), \(body), \(deadline)::date, \(accountID), \(now))
            """)
        let listed = try await connection.execute(
            """
            INSERT INTO redemption_notice_entries (notice_id, application_id, seq, enterprise_name, amount)
            SELECT \(id), a.application_id, row_number() OVER (ORDER BY a.concluded_at, a.application_id),
                   CASE WHEN a.enterprise_id IS NULL THEN NULL ELSE coalesce(e.name, '') END, a.granted_amount
            FROM redemption_applications a LEFT JOIN enterprises e ON e.enterprise_id = a.enterprise_id
            WHERE a.item_id = \(itemID) AND a.status = 'approved'
              AND NOT EXISTS (SELECT 1 FROM redemption_notice_entries x WHERE x.application_id = a.application_id)
            """)
        return listed > 0
    }

    static func find(_ id: UUID, on connection: PostgresConnection) async throws -> Record? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM redemption_notices n JOIN redemption_items i ON i.item_id = n.item_id WHERE n.notice_id = \(id)"
        ).first.map(record)
    }

    static func entries(of id: UUID, on connection: PostgresConnection) async throws -> [Entry] {
        try await connection.query(
            "SELECT enterprise_name, amount::text AS amount FROM redemption_notice_entries WHERE notice_id = \(id) ORDER BY seq"
        ).map { Entry(applicant: try $0.decode("enterprise_name", as: String?.self) ?? individual, amount: try $0.decode("amount")) }
    }

    struct Filter: Sendable {
        /// true: still open (deadline today or later); false: ended.
        var open: Bool?
        var terms: [String] = []
        var ascending = false
        var today: String
    }

    static func list(_ filter: Filter, paging: Paging, on connection: PostgresConnection) async throws -> Page<Record> {
        var query: PostgresQuery = "SELECT "
        query.appendUnescaped(columns)
        query.appendUnescaped(" FROM redemption_notices n JOIN redemption_items i ON i.item_id = n.item_id WHERE true")
        switch filter.open {
        case true?: query.append(" AND n.deadline >= \(filter.today)::date")
        case false?: query.append(" AND n.deadline < \(filter.today)::date")
        case nil: break
        }
        if !filter.terms.isEmpty { query.append(" AND lower(n.title) LIKE ALL(\(filter.terms.map { LikePattern.containing($0.lowercased()) }))") }
        return try await connection.page(query, orderBy: filter.ascending ? "n.published_at ASC, n.notice_id" : "n.published_at DESC, n.notice_id", paging: paging, record)
    }

    // MARK: The project look-up (可按项目名称查询办理流程和审批结果)

    struct ProjectItem: Codable, Sendable {
        var itemID: UUID
        var itemTitle: String
        var project: String
        var unitName: String?
        var windowFrom: String
        var windowTo: String
        /// Applications per status so far.
        var stages: [String: Int]
        /// The approved applications published in notices (enterprise names and amounts).
        var results: [Entry]
    }

    static func projectItems(named terms: [String], paging: Paging, on connection: PostgresConnection) async throws -> Page<ProjectItem> {
        var query: PostgresQuery = """
            SELECT i.item_id, i.title, i.project, (SELECT u.name FROM units u WHERE u.unit_id = i.unit_id) AS unit_name,
                   to_char(i.window_from, 'YYYY-MM-DD') AS window_from, to_char(i.window_to, 'YYYY-MM-DD') AS window_to,
                   coalesce((SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT a.status, count(*)::int AS n FROM redemption_applications a
                             WHERE a.item_id = i.item_id GROUP BY a.status) s), '{}') AS stages,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('applicant', coalesce(e.enterprise_name, \(individual)), 'amount', e.amount::text)
                                              ORDER BY n.published_at, e.seq)
                             FROM redemption_notices n JOIN redemption_notice_entries e ON e.notice_id = n.notice_id
                             WHERE n.item_id = i.item_id), '[]') AS results, i.published_at
            FROM redemption_items i WHERE i.status = 'published'
            """
        query.append(" AND lower(i.project) LIKE ALL(\(terms.map { LikePattern.containing($0.lowercased()) }))")
        return try await connection.page(query, orderBy: "i.project, i.published_at DESC, i.item_id", paging: paging) { row in
            ProjectItem(
                itemID: try row.decode("item_id"), itemTitle: try row.decode("title"), project: try row.decode("project"),
                unitName: try row.decode("unit_name"), windowFrom: try row.decode("window_from"), windowTo: try row.decode("window_to"),
                stages: try row.decode("stages", as: PostgresJSON.self).decode([String: Int].self),
                results: try row.decode("results", as: PostgresJSON.self).decode([Entry].self))
        }
    }
}
