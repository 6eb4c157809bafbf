import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Categories (reference data; platform admins add and correct them).
struct ReferenceController {
    let dependencies: ServiceDependencies

    struct Category: ResponseCodable, Equatable {
        var code: String
        var kind: String
        var name: String
        var active: Bool
    }

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

    func register(on router: Router<AppRequestContext>) {
        router.get("categories", use: categories)
        router.post("categories", use: addCategory)
        router.put("categories/:code", use: changeCategory)
    }

    func categories(_ request: Request, context: AppRequestContext) async throws -> Page<Category> {
        let query = request.queryDictionary
        let paging = try Paging(query)
        let kind = query["kind"]
        if let kind, CaseKind(rawValue: kind) == nil { throw APIError.invalid("kind", "must be appeal or complaint") }
        return try await dependencies.pool.withConnection { connection in
            let total = try await connection.query(
                "SELECT count(*) AS n FROM categories WHERE active AND (\(kind)::text IS NULL OR kind = \(kind))")[0]
                .decode("n", as: Int.self)
            let items = try await connection.query(
                """
                SELECT code, kind, name, active FROM categories WHERE active AND (\(kind)::text IS NULL OR kind = \(kind))
                ORDER BY created_at, code LIMIT \(paging.size) OFFSET \(paging.offset)
                """
            ).map { row in
                Category(code: try row.decode("code"), kind: try row.decode("kind"), name: try row.decode("name"), active: try row.decode("active"))
            }
            return Page(items: items, paging: paging, total: total)
        }
    }

    func addCategory(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Category> {
        let admin = try context.requireRole(OfficialRole.platformAdmin.rawValue)
        let body = try await request.decodeBody(CategoryBody.self, context: context)
        guard body.code.range(of: #"^[a-zA-Z][a-zA-Z0-9-]{1,63}$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("code", "must be 2–64 letters, digits or '-', starting with a letter")
        }
        guard CaseKind(rawValue: body.kind) != nil else { throw APIError.invalid("kind", "must be appeal or complaint") }
        let name = try Validate.text(body.name, "name", max: 200)
        let category = Category(code: body.code, kind: body.kind, name: name, active: true)
        do {
            try await dependencies.pool.withTransaction { connection in
                try await connection.execute(
                    "INSERT INTO categories (code, kind, name) VALUES (\(body.code), \(body.kind), \(name))")
                try await connection.execute(
                    "INSERT INTO scheme_assignments (category_code, city, scheme_code) VALUES (\(body.code), '*', 'shiyan')")
                try await AuditTrail.record(
                    "created", subject: .category, id: body.code, before: nil, after: category,
                    by: .official(admin, acting: [.platformAdmin]), on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError(.conflict, code: "duplicate", message: "category \(body.code) exists", field: "code")
        }
        dependencies.logger.info("category added", metadata: ["code": "\(body.code)", "by": "\(admin.accountID)"])
        return EditedResponse(status: .created, response: category)
    }

    /// `PUT /categories/{code}` (platform admins): renames a category or takes it out of use.
    func changeCategory(_ request: Request, context: AppRequestContext) async throws -> Category {
        let admin = try context.requireRole(OfficialRole.platformAdmin.rawValue)
        let code = context.parameters.get("code") ?? ""
        let body = try await request.decodeBody(CategoryChange.self, context: context)
        guard body.name != nil || body.active != nil else { throw APIError.invalid("name", "name or active is required") }
        let name = try body.name.map { try Validate.text($0, "name", max: 200) }
        return try await dependencies.pool.withTransaction { connection in
            let rows = try await connection.query(
                "SELECT code, kind, name, active FROM categories WHERE code = \(code) FOR UPDATE")
            guard let row = rows.first else { throw APIError.notFound("category") }
            let before = Category(
                code: code, kind: try row.decode("kind"), name: try row.decode("name"), active: try row.decode("active"))
            var after = before
            after.name = name ?? before.name
            after.active = body.active ?? before.active
            guard after != before else { return before }
            try await connection.execute(
                "UPDATE categories SET name = \(after.name), active = \(after.active) WHERE code = \(code)")
            try await AuditTrail.record(
                "updated", subject: .category, id: code, before: before, after: after,
                by: .official(admin, acting: [.platformAdmin]), on: connection)
            return after
        }
    }
}
