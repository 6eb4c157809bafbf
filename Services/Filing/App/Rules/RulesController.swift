import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The validation rules as data: anyone reads them (filers see what they will be checked against);
/// bureau admins add rules and change them. A change is a new version, applied to filings submitted
/// from then on; filings already in keep the versions they were checked against (in their flags).
struct RulesController {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    struct NewRule: Decodable {
        var code: String?
        var kind: String?
        var importance: String?
        var name: String?
        var message: String?
        var parameter: Amount?
    }

    struct RuleChange: Decodable {
        var importance: String?
        var name: String?
        var message: String?
        var parameter: Amount?
        var active: Bool?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("validation-rules", use: list)
        router.post("validation-rules", use: add)
        router.get("validation-rules/:code/versions", use: versions)
        router.put("validation-rules/:code", use: change)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<ValidationRule> {
        Page(all: try await pool.withConnection { try await RuleStore.current(on: $0) })
    }

    func versions(_ request: Request, context: AppRequestContext) async throws -> Page<ValidationRule> {
        let code = try context.pathText("code")
        let versions = try await pool.withConnection { try await RuleStore.versions(code, on: $0) }
        guard !versions.isEmpty else { throw APIError.notFound("validation rule") }
        return Page(all: versions)
    }

    func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ValidationRule> {
        let admin = try context.requireBureauAdmin()
        let body = try await request.decodeBody(NewRule.self, context: context)
        let code = try Validate.text(body.code, "code", max: 64)
        guard code.range(of: #"^[a-z][a-zA-Z0-9-]{1,63}$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("code", "must start with a lowercase letter and hold letters, digits and '-' (2 to 64)")
        }
        guard let kind = body.kind.flatMap(ValidationRule.Kind.init) else {
            throw APIError.invalid("kind", "must be one of \(ValidationRule.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let importance = try Self.importance(body.importance)
        let parameter = try Self.parameter(body.parameter, for: kind)
        let rule = ValidationRule(
            code: code, version: 1, kind: kind, importance: importance, name: try Validate.text(body.name, "name", max: 100),
            message: try Validate.text(body.message, "message", max: 500), parameter: parameter, active: true, changedAt: Date())
        try await pool.withTransaction { connection in
            try await RuleStore.lock(code, on: connection)
            guard try await RuleStore.current(code, on: connection) == nil else { throw APIError.conflict("a rule with this code exists; change it instead") }
            try await RuleStore.insert(rule, by: admin.accountID, on: connection)
            try await Self.audit("created", rule, by: admin, on: connection)
        }
        return EditedResponse(status: .created, response: rule)
    }

    /// `PUT /validation-rules/{code}` (bureau admins): a new version with what is given changed.
    func change(_ request: Request, context: AppRequestContext) async throws -> ValidationRule {
        let admin = try context.requireBureauAdmin()
        let code = try context.pathText("code")
        let body = try await request.decodeBody(RuleChange.self, context: context)
        return try await pool.withTransaction { connection in
            try await RuleStore.lock(code, on: connection)
            guard let current = try await RuleStore.current(code, on: connection) else { throw APIError.notFound("validation rule") }
            var next = current
            next.version = current.version + 1
            next.changedAt = Date()
            if let importance = body.importance { next.importance = try Self.importance(importance) }
            if let name = body.name { next.name = try Validate.text(name, "name", max: 100) }
            if let message = body.message { next.message = try Validate.text(message, "message", max: 500) }
            if let parameter = body.parameter { next.parameter = try Self.parameter(parameter, for: current.kind) }
            if let active = body.active { next.active = active }
            try await RuleStore.insert(next, by: admin.accountID, on: connection)
            try await Self.audit("updated", next, by: admin, on: connection)
            return next
        }
    }

    static func importance(_ text: String?) throws -> ValidationRule.Importance {
        guard let importance = text.flatMap(ValidationRule.Importance.init) else {
            throw APIError.invalid("importance", "must be error or warning")
        }
        return importance
    }

    static func parameter(_ parameter: Amount?, for kind: ValidationRule.Kind) throws -> Amount? {
        guard kind.needsParameter else { return nil }
        guard let parameter else { throw APIError.invalid("parameter", "is required for a \(kind.rawValue) rule") }
        guard parameter.value >= 0, parameter.value <= 100_000 else { throw APIError.invalid("parameter", "must be from 0 to 100000") }
        return parameter
    }

    static func audit(_ action: String, _ rule: ValidationRule, by admin: AccessClaims, on connection: PostgresConnection) async throws {
        try await AuditTrail.append(
            AuditEntry(
                action: action, subjectKind: "validationRule", subjectID: rule.code, by: admin, acting: [.statistician],
                detail: [
                    "version": .string(String(rule.version)), "importance": .string(rule.importance.rawValue), "name": .string(rule.name),
                    "message": .string(rule.message), "parameter": .string(rule.parameter?.description ?? ""), "active": .bool(rule.active),
                ]),
            at: rule.changedAt, on: connection)
    }
}
