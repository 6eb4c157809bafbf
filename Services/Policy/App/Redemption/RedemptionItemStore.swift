import Contracts
import Foundation
import Postgres
import ServiceKit

/// Every write and single read of redemption items (`redemption_items`), a kind of reviewed content
/// (`ReviewedContentWorkflow`); the public list is in `RedemptionItemStore+List.swift`.
enum RedemptionItemStore: ReviewedContent {
    static let subjectKind = "redemptionItem"
    static let noun = "redemption item"
    static let table = ReviewedContentStore.Table(
        name: "redemption_items", key: "item_id",
        columns: """
            item_id, policy_id, (SELECT p.title FROM policies p WHERE p.policy_id = redemption_items.policy_id) AS policy_title, project, title,
            region, policy_types, support_kind, amount_figure::text AS amount_figure, amount_text, processing_days, applicant_kind,
            on_site_visits, phone, to_char(window_from, 'YYYY-MM-DD') AS window_from, to_char(window_to, 'YYYY-MM-DD') AS window_to,
            description, guide, materials, unit_id, (SELECT u.name FROM units u WHERE u.unit_id = redemption_items.unit_id) AS unit_name,
            status, drafted_by, return_reason, updated_at, published_at
            """)
    typealias Draft = RedemptionItemInput.Draft

    struct Record: Codable, Sendable, ReviewedRecord {
        var id: UUID
        var policyID: UUID
        var policyTitle: String
        var project: String
        var title: String
        var region: String
        var policyTypes: [String]
        var supportKind: String
        var amountFigure: String?
        var amountText: String?
        var processingDays: Int
        var applicantKind: RedemptionItemInput.ApplicantKind
        var onSiteVisits: Int
        var phone: String
        var windowFrom: String
        var windowTo: String
        var description: String
        var guide: String
        var materials: [RedemptionItemInput.Material]
        var unitID: UUID
        var unitName: String?
        var status: ReviewRule.Status
        var draftedBy: UUID
        var returnReason: String?
        var updatedAt: Date
        var publishedAt: Date?

        /// What the item shows as its amount: the figure, or the text.
        var amount: String { amountFigure ?? amountText ?? "" }
    }

    static func title(of draft: Draft) -> String { draft.title }

    static func insert(_ draft: Draft, id: UUID, unitID: UUID, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO redemption_items (item_id, policy_id, project, title, region, policy_types, support_kind, amount_figure, amount_text,
                processing_days, applicant_kind, on_site_visits, phone, window_from, window_to, description, guide, materials, unit_id, status,
                drafted_by, created_at, updated_at)
            VALUES (\(id), \(draft.policyID), \(draft.project), \(draft.title), \(draft.region), \(draft.policyTypes), \(draft.supportKind),
                \(draft.amountFigure)::numeric, \(draft.amountText), \(draft.processingDays), \(draft.applicantKind.rawValue), \(draft.onSiteVisits),
                \(draft.phone), \(draft.windowFrom)::date, \(draft.windowTo)::date, \(draft.description), \(draft.guide), \(try materials(draft)),
                \(unitID), 'reviewing', \(editorID), \(now), \(now))
            """)
    }

    static func update(_ id: UUID, with draft: Draft, by editorID: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE redemption_items SET policy_id = \(draft.policyID), project = \(draft.project), title = \(draft.title), region = \(draft.region),
                policy_types = \(draft.policyTypes), support_kind = \(draft.supportKind), amount_figure = \(draft.amountFigure)::numeric,
                amount_text = \(draft.amountText), processing_days = \(draft.processingDays), applicant_kind = \(draft.applicantKind.rawValue),
                on_site_visits = \(draft.onSiteVisits), phone = \(draft.phone), window_from = \(draft.windowFrom)::date,
                window_to = \(draft.windowTo)::date, description = \(draft.description), guide = \(draft.guide), materials = \(try materials(draft)),
                status = 'reviewing', drafted_by = \(editorID), return_reason = NULL, updated_at = \(now)
            WHERE item_id = \(id)
            """)
    }

    /// Publishing needs its policy still published, and tells the policy it has redemption (我要兑现).
    static func published(_ record: Record, at now: Date, on connection: PostgresConnection) async throws {
        guard try await PolicyStore.load(record.policyID, on: connection)?.status == .published else {
            throw APIError.conflict("its policy is no longer published")
        }
        try await connection.execute("UPDATE policies SET has_redemption = true WHERE policy_id = \(record.policyID)")
    }

    private static func materials(_ draft: Draft) throws -> PostgresJSON {
        try PostgresJSON(encoding: draft.materials, encoder: EventJSON.makeEncoder())
    }

    static func record(_ row: PostgresRow) throws -> Record {
        Record(
            id: try row.decode("item_id"), policyID: try row.decode("policy_id"), policyTitle: try row.decode("policy_title", as: String?.self) ?? "",
            project: try row.decode("project"), title: try row.decode("title"), region: try row.decode("region"),
            policyTypes: try row.decode("policy_types"), supportKind: try row.decode("support_kind"),
            amountFigure: try row.decode("amount_figure"), amountText: try row.decode("amount_text"),
            processingDays: try row.decode("processing_days"),
            applicantKind: RedemptionItemInput.ApplicantKind(rawValue: try row.decode("applicant_kind")) ?? .enterprise,
            onSiteVisits: try row.decode("on_site_visits"), phone: try row.decode("phone"), windowFrom: try row.decode("window_from"),
            windowTo: try row.decode("window_to"), description: try row.decode("description"), guide: try row.decode("guide"),
            materials: try row.decode("materials", as: PostgresJSON.self).decode([RedemptionItemInput.Material].self, decoder: EventJSON.makeDecoder()),
            unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"),
            status: ReviewRule.Status(rawValue: try row.decode("status")) ?? .reviewing, draftedBy: try row.decode("drafted_by"),
            returnReason: try row.decode("return_reason"), updatedAt: try row.decode("updated_at"), publishedAt: try row.decode("published_at"))
    }
}
