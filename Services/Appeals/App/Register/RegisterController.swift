import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The public register: concluded appeals and complaints their enterprise chose to make public,
/// for guests, without any personal data; officials may withhold an item with a reason.
struct RegisterController {
    let runtime: AppealsRuntime
    var dependencies: ServiceDependencies { runtime.dependencies }
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

    /// An item's place in the register, as the audit trail records it.
    struct Visibility: Encodable {
        var withheld: Bool
        var reason: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("register", use: list)
        router.get("register/:id", use: entry)
        router.post("register/:id/withhold", use: withhold)
        router.post("register/:id/release", use: release)
    }

    /// The same for every caller (concluded public items only), so pages are kept briefly (`registerList`);
    /// a withheld or newly public item shows within the cache's lifetime.
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let paging = try Paging(request)
        var filter = RegisterStore.Filter()
        if let kind = query.get("kind") {
            guard let value = CaseKind(rawValue: kind) else { throw APIError.invalid("kind", "must be appeal or complaint") }
            filter.kind = value
        }
        if let text = query.get("region") { filter.region = try Validate.region(text, "region") }
        filter.category = query.get("category")
        if let nature = query.get("nature") {
            guard let value = ComplaintForm.Nature(rawValue: nature) else { throw APIError.invalid("nature", "must be complaint or opinion") }
            filter.nature = value
        }
        let sort = query.get("sort") ?? RegisterStore.Order.submittedDescending.rawValue
        guard let order = RegisterStore.Order(rawValue: sort) else {
            throw APIError.invalid("sort", "must be one of \(RegisterStore.Order.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        filter.order = order
        return try await runtime.registerList.response(for: request) {
            try await dependencies.pool.withConnection { connection in
                let known = try await personNames.names(on: connection)
                return try await RegisterStore.page(filter, paging: paging, on: connection) { try Self.entry($0, knownNames: known) }
            }
        }
    }

    func entry(_ request: Request, context: AppRequestContext) async throws -> Entry {
        let id = try context.pathID()
        return try await dependencies.pool.withConnection { connection in
            guard let record = try await RegisterStore.entry(id, on: connection) else { throw APIError.notFound("register entry") }
            return try Self.entry(record, knownNames: try await personNames.names(on: connection))
        }
    }

    /// An inspector or platform admin keeps an item out of the register, with a reason.
    func withhold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let official = try context.requireOfficial(anyOf: Self.editors)
        let id = try context.pathID()
        let reason = try Validate.text(try await request.decodeBody(WithholdBody.self, context: context).reason, "reason", max: 1000)
        try await dependencies.pool.withTransaction { connection in
            guard try await RegisterStore.withhold(id, reason: reason, on: connection) else { throw APIError.notFound("register entry") }
            try await RegisterStore.archive("withheldFromRegister", id, note: reason, by: official, on: connection)
            try await AuditTrail.append(
                try AuditEntry(
                    "withheld", subject: .registerEntry, id: id.uuidString, before: Visibility(withheld: false),
                    after: Visibility(withheld: true, reason: reason), by: official, acting: Self.editors),
                on: connection)
        }
        return Response(status: .noContent)
    }

    /// An inspector or platform admin puts a withheld item back into the register.
    func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let official = try context.requireOfficial(anyOf: Self.editors)
        let id = try context.pathID()
        try await dependencies.pool.withTransaction { connection in
            guard let withheld = try await RegisterStore.lockWithheldReason(id, on: connection) else {
                throw APIError.notFound("register entry")
            }
            guard let reason = withheld else { throw APIError.conflict("cannot release: the item is not withheld from the register") }
            try await RegisterStore.release(id, on: connection)
            try await RegisterStore.archive("releasedToRegister", id, note: nil, by: official, on: connection)
            try await AuditTrail.append(
                try AuditEntry(
                    "released", subject: .registerEntry, id: id.uuidString, before: Visibility(withheld: true, reason: reason),
                    after: Visibility(withheld: false), by: official, acting: Self.editors),
                on: connection)
        }
        return Response(status: .noContent)
    }

    static let editors: [OfficialRole] = [.inspector, .platformAdmin]

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
