import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The public register: concluded appeals and complaints their enterprise chose to make public,
/// for guests, without any personal data; officials may withhold an item with a reason.
struct RegisterController {
    let dependencies: ServiceDependencies
    let personNames = PersonNameCache()

    struct Entry: ResponseCodable {
        var id: UUID
        var kind: String
        var serialNumber: String
        var title: String
        var category: String
        var region: String
        var detail: String
        var submittedAt: Date
        var unitName: String?
        var replyContent: String?
        var repliedAt: Date?
        var closedAt: Date?
    }

    struct WithholdBody: Decodable { var reason: String }

    /// An item's place in the register, as the audit log records it.
    struct Visibility: Encodable {
        var withheld: Bool
        var reason: String?
    }

    /// What qualifies: closed (not withdrawn), appeals always, complaints when marked public, and
    /// not withheld.
    static let visible = """
        c.status = 'closed' AND c.register_withheld IS NULL AND (c.kind = 'appeal' OR c.public_requested)
        """

    func register(on router: Router<AppRequestContext>) {
        router.get("register", use: list)
        router.get("register/:id", use: entry)
        router.post("register/:id/withhold", use: withhold)
        router.post("register/:id/release", use: release)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<Entry> {
        let query = request.queryDictionary
        let paging = try Paging(query)
        var filter: PostgresQuery = "WHERE \(unescaped: Self.visible)"
        if let kind = query["kind"] {
            guard CaseKind(rawValue: kind) != nil else { throw APIError.invalid("kind", "must be appeal or complaint") }
            filter.append(" AND c.kind = \(kind)")
        }
        if let text = query["region"] {
            let region = try Validate.region(text, "region")
            filter.append(" AND c.region = \(region)")
        }
        if let category = query["category"] { filter.append(" AND c.category = \(category)") }
        if let nature = query["nature"] {
            guard ComplaintForm.Nature(rawValue: nature) != nil else { throw APIError.invalid("nature", "must be complaint or opinion") }
            filter.append(" AND c.kind = 'complaint' AND c.form->>'nature' = \(nature)")
        }
        let ascending: Bool
        switch query["sort"] ?? "time_desc" {
        case "time_desc": ascending = false
        case "time_asc": ascending = true
        default: throw APIError.invalid("sort", "must be time_asc or time_desc")
        }
        return try await dependencies.pool.withConnection { connection in
            var count: PostgresQuery = "SELECT count(*) AS n FROM cases c "
            count.append(filter)
            let total = try await connection.query(count)[0].decode("n", as: Int.self)
            var select: PostgresQuery = "SELECT \(unescaped: CaseRecord.columns(alias: "c")) FROM cases c "
            select.append(filter)
            select.append(" ORDER BY c.closed_at \(unescaped: ascending ? "ASC" : "DESC"), c.serial_number LIMIT \(paging.size) OFFSET \(paging.offset)")
            let rows = try await connection.query(select)
            let known = try await personNames.names(on: connection)
            let items = try rows.map { try Self.entry(try CaseRecord(row: $0), knownNames: known) }
            return Page(items: items, paging: paging, total: total)
        }
    }

    func entry(_ request: Request, context: AppRequestContext) async throws -> Entry {
        let id = try CasesController.id(context)
        return try await dependencies.pool.withConnection { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: CaseRecord.columns(alias: "c")) FROM cases c WHERE c.id = \(id) AND \(unescaped: Self.visible)")
            guard let row = rows.first else { throw APIError.notFound("register entry") }
            return try Self.entry(try CaseRecord(row: row), knownNames: try await personNames.names(on: connection))
        }
    }

    /// An inspector or platform admin keeps an item out of the register, with a reason.
    func withhold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let official = try context.requireRole(OfficialRole.inspector.rawValue, OfficialRole.platformAdmin.rawValue)
        let id = try CasesController.id(context)
        let reason = try Validate.text(try await request.decodeBody(WithholdBody.self, context: context).reason, "reason", max: 1000)
        try await dependencies.pool.withTransaction { connection in
            let updated = try await connection.execute(
                "UPDATE cases SET register_withheld = \(reason), updated_at = now() WHERE id = \(id) AND register_withheld IS NULL")
            guard updated == 1 else { throw APIError.notFound("register entry") }
            try await Self.archive("withheldFromRegister", id, note: reason, by: official, on: connection)
            try await AuditTrail.record(
                "withheld", subject: .registerEntry, id: id.uuidString, before: Visibility(withheld: false),
                after: Visibility(withheld: true, reason: reason), by: .official(official, acting: Self.editors), on: connection)
        }
        return Response(status: .noContent)
    }

    /// An inspector or platform admin puts a withheld item back into the register.
    func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let official = try context.requireRole(OfficialRole.inspector.rawValue, OfficialRole.platformAdmin.rawValue)
        let id = try CasesController.id(context)
        try await dependencies.pool.withTransaction { connection in
            let rows = try await connection.query("SELECT register_withheld FROM cases WHERE id = \(id) FOR UPDATE")
            guard let row = rows.first else { throw APIError.notFound("register entry") }
            guard let reason = try row.decode("register_withheld", as: String?.self) else {
                throw APIError.conflict("cannot release: the item is not withheld from the register")
            }
            try await connection.execute("UPDATE cases SET register_withheld = NULL, updated_at = now() WHERE id = \(id)")
            try await Self.archive("releasedToRegister", id, note: nil, by: official, on: connection)
            try await AuditTrail.record(
                "released", subject: .registerEntry, id: id.uuidString, before: Visibility(withheld: true, reason: reason),
                after: Visibility(withheld: false), by: .official(official, acting: Self.editors), on: connection)
        }
        return Response(status: .noContent)
    }

    static let editors: [OfficialRole] = [.inspector, .platformAdmin]

    private static func archive(
        _ action: String, _ id: UUID, note: String?, by official: AccessClaims, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO case_history (case_id, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note, at)
            SELECT id, \(action), status, status, \(official.accountID), 'official', \(official.unitID), \(note), now()
            FROM cases WHERE id = \(id)
            """)
    }

    /// Only public facts, with people's names masked in every text: those on the item, every person
    /// the service knows (`knownNames`), and names a title or role gives away.
    static func entry(_ record: CaseRecord, knownNames: TextRedactor.Names = .none) throws -> Entry {
        var names: [String] = []
        var detail = ""
        let decoder = EventJSON.makeDecoder()
        switch record.kind {
        case .appeal:
            let form = try record.form.decode(AppealForm.self, decoder: decoder)
            names += [form.basic.principalName, form.basic.contactName, form.helper?.officialName].compactMap { $0 }
            detail = form.problem.detail
        case .complaint:
            let form = try record.form.decode(ComplaintForm.self, decoder: decoder)
            names.append(form.contactName)
            detail = form.content
        }
        let reply = try record.reply?.decode(CaseReply.self, decoder: decoder)
        if let reply { names.append(reply.handlerName) }
        let redactor = TextRedactor(names: names, known: knownNames)
        return Entry(
            id: record.id, kind: record.kind.rawValue, serialNumber: record.serialNumber, title: redactor.redact(record.title),
            category: record.category, region: record.region, detail: redactor.redact(detail), submittedAt: record.submittedAt,
            unitName: reply?.unitName, replyContent: reply.map { redactor.redact($0.content) }, repliedAt: reply?.repliedAt,
            closedAt: record.closedAt)
    }
}
