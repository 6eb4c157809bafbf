import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Rules: list, create or change (validated against the event type's fields and the template),
/// history.
struct RulesController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/rules") { request, context in try await list(request, context) }
        router.put("/admin/rules/{id}") { request, context in try await save(request, context) }
        router.get("/admin/rules/{id}/history") { request, context in try await history(request, context) }
    }

    struct RuleBody: ResponseCodable {
        var rule: Rule
        var version: Int
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Page<Rule> {
        _ = try context.requireOfficial(.platformAdmin)
        let eventType = QueryInput(request: request).string("eventType")
        let paging = try Paging(request)
        return try await pool.withConnection { try await RuleStore.page(eventType: eventType, paging: paging, on: $0) }
    }

    struct Input: Decodable {
        var eventType: String
        var recipients: Rule.Recipients
        var recipientPath: String?
        var channels: [Rule.Channel]
        var templateCode: String
        var bindings: [String: String]?
        var conditionPath: String?
        var conditionValues: [String]?
        var urgent: Bool?
        var enabled: Bool?
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> RuleBody {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathText("id")
        guard id.range(of: "^[a-z][a-z0-9_.-]{1,63}$", options: .regularExpression) != nil else {
            throw APIError.invalid("id", "must be 2–64 characters of a-z, 0-9, _, - or .")
        }
        let input = try await request.decodeBody(Input.self, context: context)
        let rule = Rule(
            ruleID: id, eventType: input.eventType, recipients: input.recipients, recipientPath: input.recipientPath,
            channels: Array(Set(input.channels)).sorted { $0.rawValue < $1.rawValue }, templateCode: input.templateCode,
            bindings: input.bindings ?? [:], conditionPath: input.conditionPath, conditionValues: input.conditionValues, urgent: input.urgent ?? false, enabled: input.enabled ?? true)
        return try await pool.withTransaction { connection in
            guard let template = try await TemplateStore.template(rule.templateCode, on: connection)
            else { throw APIError.unknown("templateCode", "no template \(rule.templateCode)") }
            try await RuleValidator.validate(rule, template: template, on: connection)
            let version = try await RuleStore.save(rule, by: admin.accountID, on: connection)
            try await AuditTrail.append(
                AuditEntry(action: "rule.saved", subjectKind: "rule", subjectID: id, by: admin, acting: [.platformAdmin]),
                on: connection)
            return RuleBody(rule: rule, version: version)
        }
    }

    func history(_ request: Request, _ context: AppRequestContext) async throws -> Page<RuleStore.HistoryEntry> {
        _ = try context.requireOfficial(.platformAdmin)
        let id = try context.pathText("id")
        let paging = try Paging(request)
        guard let page = try await pool.withConnection({ try await RuleStore.history(id, paging: paging, on: $0) }) else {
            throw APIError.notFound("rule")
        }
        return page
    }
}
