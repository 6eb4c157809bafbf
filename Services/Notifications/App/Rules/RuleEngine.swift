import Contracts
import Foundation
import Logging
import Postgres

/// Turns an event into messages: loads the enabled rules for its type, fills each rule's template
/// from the payload, and writes one in-site message or queued SMS per (event, recipient, channel).
/// Runs in the consumer's inbox transaction; the unique keys make a repeat a no-op.
struct RuleEngine: Sendable {
    let logger: Logger

    func apply(_ envelope: EventEnvelope, on connection: PostgresConnection) async throws {
        let rules = try await RuleStore.rulesWithTemplates(eventType: envelope.type, enabledOnly: true, on: connection)
        guard !rules.isEmpty else { return }
        let payload = try EventPayload(data: envelope.data)
        let settings = try await SettingsStore.settings(on: connection)
        for (rule, template) in rules {
            guard rule.applies(to: payload) else { continue }
            let message = try await render(rule, template: template, envelope: envelope, payload: payload, settings: settings, on: connection)
            let keys = Self.keys(rule, payload: payload)
            let narrowed = rule.recipients.needsPath || (rule.recipients.takesPath && rule.recipientPath != nil)
            if narrowed, keys.isEmpty {
                logger.warning("rule has no recipients in the event", metadata: ["rule": "\(rule.ruleID)", "event": "\(envelope.id)"])
                continue
            }
            for channel in rule.channels {
                let recipients = RecipientQuery.sql(rule.recipients, channel: channel, keys: keys)
                switch channel {
                case .inbox: try await InboxWriter.insert(message, recipients: recipients, on: connection)
                case .sms: try await SmsQueue.enqueue(message, recipients: recipients, settings: settings, on: connection)
                }
            }
        }
    }

    func render(
        _ rule: Rule, template: StoredTemplate, envelope: EventEnvelope, payload: EventPayload,
        settings: NotificationSettings, on connection: PostgresConnection
    ) async throws -> RenderedMessage {
        var values: [String: String] = [:]
        for (name, source) in rule.bindings {
            values[name] = try await BindingSource(source).resolve(payload, linkBase: settings.linkBase, on: connection)
        }
        let missing = template.placeholders.filter { values[$0] == nil }
        if !missing.isEmpty {
            logger.warning(
                "event lacks values for placeholders", metadata: ["rule": "\(rule.ruleID)", "placeholders": "\(missing)"])
            for name in missing { values[name] = "" }
        }
        return RenderedMessage(
            eventID: envelope.id, eventType: envelope.type, ruleID: rule.ruleID, category: template.category,
            title: Template(body: template.title).render(values), body: Template(body: template.body).render(values),
            link: values["link"], urgent: rule.urgent, signature: settings.signature)
    }

    /// The payload values naming the recipients; ids that are not UUIDs are dropped (they would match no one).
    static func keys(_ rule: Rule, payload: EventPayload) -> [String] {
        guard let path = rule.recipientPath, rule.recipients.takesPath else { return [] }
        let values = payload.strings(at: path)
        if rule.recipients.takesRegion { return values }
        return values.compactMap { UUID(uuidString: $0)?.uuidString.lowercased() }
    }
}
