import Postgres
import ServiceKit

/// Refuses a rule (or a template change) whose placeholders its event cannot fill: every
/// placeholder needs a binding, and every payload path a binding or the recipients read must be
/// a field the event type is registered with.
enum RuleValidator {
    static func validate(_ rule: Rule, template: StoredTemplate, on connection: PostgresConnection) async throws {
        guard let fields = try await SettingsStore.fields(ofEventType: rule.eventType, on: connection) else {
            throw APIError.invalid("eventType", "\(rule.eventType) is not a registered event type; register its fields first")
        }
        try validate(rule, template: template, fields: Set(fields))
    }

    static func validate(_ rule: Rule, template: StoredTemplate, fields: Set<String>) throws {
        guard !rule.channels.isEmpty else { throw APIError.invalid("channels", "name at least one of sms, inbox") }
        if rule.recipients.arePhones, rule.channels.contains(.inbox) {
            throw APIError.invalid(
                "channels", "\(rule.recipients.rawValue) are phones, not accounts: sms only (enterprises' in-site boxes are enterprise, all_enterprises, region_enterprises)")
        }
        if rule.recipients.needsPath {
            guard let path = rule.recipientPath, !path.isEmpty else {
                throw APIError.invalid("recipientPath", "\(rule.recipients.rawValue) needs the payload field naming them")
            }
            guard fields.contains(path) else {
                throw APIError.invalid("recipientPath", "\(rule.eventType) has no field \(path)")
            }
        } else if rule.recipients.takesPath, let path = rule.recipientPath, !path.isEmpty, !fields.contains(path) {
            throw APIError.invalid("recipientPath", "\(rule.eventType) has no field \(path)")
        }
        if let path = rule.conditionPath {
            guard fields.contains(path) else {
                throw APIError.invalid("conditionPath", "\(rule.eventType) has no field \(path)")
            }
            guard let values = rule.conditionValues, !values.isEmpty else {
                throw APIError.invalid("conditionValues", "name the values the condition accepts")
            }
        }
        for placeholder in template.placeholders {
            guard let source = rule.bindings[placeholder] else {
                throw APIError.invalid(
                    "bindings.\(placeholder)",
                    "template \(template.code) uses {\(placeholder)}, which rule \(rule.ruleID) does not bind")
            }
            for path in BindingSource(source).paths where !fields.contains(path) {
                throw APIError.invalid(
                    "bindings.\(placeholder)",
                    "{\(placeholder)} reads \(path), which \(rule.eventType) does not carry")
            }
        }
    }
}
