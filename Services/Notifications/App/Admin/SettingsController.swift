import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The city's signature, link base, quiet hours, limits and retry policy; and the event types
/// rules may use, with their payload fields.
struct SettingsController {
    let pool: PostgresPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/settings") { _, context in try await settings(context) }
        router.put("/admin/settings") { request, context in try await saveSettings(request, context) }
        router.get("/admin/event-types") { request, context in try await eventTypes(request, context) }
        router.put("/admin/event-types/{type}") { request, context in try await saveEventType(request, context) }
    }

    struct SettingsBody: ResponseCodable {
        var values: [String: String]
    }

    func settings(_ context: AppRequestContext) async throws -> SettingsBody {
        _ = try context.requireOfficial(.platformAdmin)
        return SettingsBody(values: try await pool.withConnection { try await SettingsStore.settings(on: $0) }.values)
    }

    func saveSettings(_ request: Request, _ context: AppRequestContext) async throws -> SettingsBody {
        let admin = try context.requireOfficial(.platformAdmin)
        let input = try await request.decodeBody(SettingsBody.self, context: context)
        let changes = input.values.sorted(by: { $0.key < $1.key })
        for (key, value) in changes {
            if let problem = NotificationSettings.problem(key: key, value: value) {
                throw APIError.invalid("values.\(key)", problem)
            }
        }
        return try await pool.withTransaction { connection in
            for (key, value) in changes {
                try await SettingsStore.save(key: key, value: value, by: admin.accountID, on: connection)
                try await AuditTrail.append(
                    AuditEntry(action: "setting.changed", subjectKind: "setting", subjectID: key, by: admin, acting: [.platformAdmin]),
                    on: connection)
            }
            return SettingsBody(values: try await SettingsStore.settings(on: connection).values)
        }
    }

    func eventTypes(_ request: Request, _ context: AppRequestContext) async throws -> Page<SettingsStore.EventType> {
        _ = try context.requireOfficial(.platformAdmin)
        let paging = try Paging(request)
        return try await pool.withConnection { try await SettingsStore.eventTypes(paging, on: $0) }
    }

    struct EventTypeInput: Decodable {
        var description: String
        var fields: [String]
    }

    /// Registers or changes an event type; refused when a rule still reads a field it would lose.
    func saveEventType(_ request: Request, _ context: AppRequestContext) async throws -> SettingsStore.EventType {
        let admin = try context.requireOfficial(.platformAdmin)
        let type = try context.pathText("type", maxLength: 200)
        guard type.range(of: "^qinqing\\.[a-z0-9.-]+\\.v[0-9]+$", options: .regularExpression) != nil else {
            throw APIError.invalid("type", "must look like qinqing.<service>.<thing>.<verb>.v1")
        }
        let input = try await request.decodeBody(EventTypeInput.self, context: context)
        guard !input.fields.isEmpty else { throw APIError.invalid("fields", "name at least one payload field") }
        for (index, field) in input.fields.enumerated()
        where field.range(of: "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$", options: .regularExpression) == nil {
            throw APIError.invalid("fields[\(index)]", "must be a dotted field path like appeal.serial")
        }
        let description = try Validate.text(input.description, "description", max: 500)
        let eventType = SettingsStore.EventType(eventType: type, description: description, fields: input.fields)
        return try await pool.withTransaction { connection in
            try await SettingsStore.save(eventType, on: connection)
            for (rule, template) in try await RuleStore.rulesWithTemplates(eventType: type, on: connection) {
                try RuleValidator.validate(rule, template: template, fields: Set(input.fields))
            }
            try await AuditTrail.append(
                AuditEntry(action: "event_type.saved", subjectKind: "eventType", subjectID: type, by: admin, acting: [.platformAdmin]),
                on: connection)
            return eventType
        }
    }
}

extension SettingsStore.EventType: ResponseEncodable {}
