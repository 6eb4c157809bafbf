import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Categories (reference data; platform admins add and correct them).
struct ReferenceController {
    let runtime: AppealsRuntime
    typealias Category = CategoryStore.Category

    struct CategoryBody: Decodable {
        var code: String
        var kind: String
        var name: String
    }

    /// A correction: the name, or taking the category out of (or back into) use. The kind never changes.
    struct CategoryChange: Decodable {
        var name: String?
        var active: Bool?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("categories", use: categories)
        router.post("categories", use: addCategory)
        router.put("categories/:code", use: changeCategory)
    }

    /// The active categories with the scheme each follows per city and whether its closure needs approval.
    func categories(_ request: Request, context: AppRequestContext) async throws -> Page<CategoryStore.Listed> {
        let paging = try Paging(request)
        let kind = request.uri.queryParameters.get("kind")
        if let kind, CaseKind(rawValue: kind) == nil { throw APIError.invalid("kind", "must be appeal or complaint") }
        return try await runtime.dependencies.pool.withConnection { connection in
            try await CategoryStore.page(kind: kind, paging: paging, on: connection)
        }
    }

    func addCategory(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Category> {
        let admin = try context.requireOfficial(.platformAdmin)
        let body = try await request.decodeBody(CategoryBody.self, context: context)
        guard body.code.range(of: #"^[a-zA-Z][a-zA-Z0-9-]{1,63}$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("code", "must be 2–64 letters, digits or '-', starting with a letter")
        }
        guard CaseKind(rawValue: body.kind) != nil else { throw APIError.invalid("kind", "must be appeal or complaint") }
        let name = try Validate.text(body.name, "name", max: 200)
        let category = Category(code: body.code, kind: body.kind, name: name, active: true)
        do {
            try await runtime.dependencies.pool.withTransaction { connection in
                try await CategoryStore.insert(category, on: connection)
                try await AuditTrail.append(
                    try AuditEntry("created", subject: .category, id: body.code, before: nil, after: category, by: admin, acting: [.platformAdmin]),
                    on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError(.conflict, code: "duplicate", message: "category \(body.code) exists", field: "code")
        }
        runtime.dependencies.logger.info("category added", metadata: ["code": "\(body.code)", "by": "\(admin.accountID)"])
        return EditedResponse(status: .created, response: category)
    }

    /// `PUT /categories/{code}` (platform admins): renames a category or takes it out of use.
    func changeCategory(_ request: Request, context: AppRequestContext) async throws -> Category {
        let admin = try context.requireOfficial(.platformAdmin)
        let code = try context.pathText("code")
        let body = try await request.decodeBody(CategoryChange.self, context: context)
        guard body.name != nil || body.active != nil else { throw APIError.invalid("name", "name or active is required") }
        let name = try body.name.map { try Validate.text($0, "name", max: 200) }
        return try await runtime.dependencies.pool.withTransaction { connection in
            guard let before = try await CategoryStore.lock(code, on: connection) else { throw APIError.notFound("category") }
            var after = before
            after.name = name ?? before.name
            after.active = body.active ?? before.active
            guard after != before else { return before }
            try await CategoryStore.update(after, on: connection)
            try await AuditTrail.append(
                try AuditEntry("updated", subject: .category, id: code, before: before, after: after, by: admin, acting: [.platformAdmin]),
                on: connection)
            return after
        }
    }
}
