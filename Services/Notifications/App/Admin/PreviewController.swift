import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `POST /admin/templates/preview`: what a rule's message would say for a sample event payload,
/// optionally with a changed title or body, and whether the template would pass validation.
struct PreviewController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/admin/templates/preview") { request, context in try await preview(request, context) }
    }

    struct Input: Decodable {
        var ruleID: String
        var title: String?
        var body: String?
        var payload: [String: JSONValue]?
    }

    struct Preview: ResponseCodable {
        var title: String
        var body: String
        var smsText: String
        var smsLength: Int
        var smsParts: Int
        var smsSegments: [String]
        /// Placeholders the sample payload gave no value for.
        var unresolved: [String]
        /// Why the template would be refused for this rule; nil when it would be accepted.
        var problem: String?
    }

    func preview(_ request: Request, _ context: AppRequestContext) async throws -> Preview {
        _ = try context.requireOfficial(.platformAdmin)
        let input = try await request.decodeBody(Input.self, context: context)
        return try await pool.withConnection { connection in
            guard let found = try await RuleStore.ruleWithTemplate(input.ruleID, on: connection) else {
                throw APIError.unknown("ruleID", "no rule \(input.ruleID)")
            }
            let rule = found.0
            var template = found.1
            if let title = input.title { template.title = title }
            if let body = input.body { template.body = body }
            var problem: String?
            do {
                try await RuleValidator.validate(rule, template: template, on: connection)
            } catch let error as APIError {
                problem = error.message
            }
            let settings = try await SettingsStore.settings(on: connection)
            let payload = EventPayload(object: input.payload ?? [:])
            var values: [String: String] = [:]
            for (name, source) in rule.bindings {
                values[name] = try await BindingSource(source).resolve(payload, linkBase: settings.linkBase, on: connection)
            }
            let message = RenderedMessage(
                eventID: UUID(), eventType: rule.eventType, ruleID: rule.ruleID, category: template.category,
                title: Template(body: template.title).render(values), body: Template(body: template.body).render(values),
                link: values["link"], urgent: rule.urgent, signature: settings.signature)
            let sms = message.smsText
            return Preview(
                title: message.title, body: message.body, smsText: sms, smsLength: SmsText.length(sms),
                smsParts: SmsText.partCount(sms), smsSegments: SmsText.parts(sms),
                unresolved: template.placeholders.filter { values[$0] == nil }, problem: problem)
        }
    }
}
