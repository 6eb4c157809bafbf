import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Categories (reference data; platform admins add them) and the deadline schemes.
struct ReferenceController {
    let dependencies: ServiceDependencies

    struct Category: ResponseCodable {
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

    struct CategoryPage: ResponseCodable {
        var items: [Category]
        var page: Int
        var size: Int
        var total: Int
    }

    struct SchemeStep: Codable, Sendable {
        var step: String
        var status: String
        var limitDays: Int?
        var counting: String
        var checkpoint: Bool
    }

    struct Scheme: Codable, Sendable {
        var code: String
        var name: String
        var dueSoonFraction: Double
        var steps: [SchemeStep]
    }

    struct SchemePage: ResponseCodable {
        var items: [Scheme]
        var page: Int
        var size: Int
        var total: Int
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("categories", use: categories)
        router.post("categories", use: addCategory)
        router.get("deadline-schemes", use: schemes)
    }

    func categories(_ request: Request, context: AppRequestContext) async throws -> CategoryPage {
        let query = request.queryDictionary
        let (page, size) = try Paging.read(query)
        let kind = query["kind"]
        if let kind, CaseKind(rawValue: kind) == nil { throw APIError.invalid("kind", "must be appeal or complaint") }
        return try await dependencies.pool.withConnection { connection in
            let total = try await connection.query(
                "SELECT count(*) AS n FROM categories WHERE active AND (\(kind)::text IS NULL OR kind = \(kind))")[0]
                .decode("n", as: Int.self)
            let items = try await connection.query(
                """
                SELECT code, kind, name, active FROM categories WHERE active AND (\(kind)::text IS NULL OR kind = \(kind))
                ORDER BY created_at, code LIMIT \(size) OFFSET \((page - 1) * size)
                """
            ).map { row in
                Category(code: try row.decode("code"), kind: try row.decode("kind"), name: try row.decode("name"), active: try row.decode("active"))
            }
            return CategoryPage(items: items, page: page, size: size, total: total)
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
        do {
            try await dependencies.pool.withTransaction { connection in
                try await connection.execute(
                    "INSERT INTO categories (code, kind, name) VALUES (\(body.code), \(body.kind), \(name))")
                try await connection.execute(
                    "INSERT INTO scheme_assignments (category_code, city, scheme_code) VALUES (\(body.code), '*', 'shiyan')")
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw APIError(.conflict, code: "duplicate", message: "category \(body.code) exists", field: "code")
        }
        dependencies.logger.info("category added", metadata: ["code": "\(body.code)", "by": "\(admin.accountID)"])
        return EditedResponse(status: .created, response: Category(code: body.code, kind: body.kind, name: name, active: true))
    }

    func schemes(_ request: Request, context: AppRequestContext) async throws -> SchemePage {
        try await dependencies.pool.withConnection { connection in
            let schemes = try await connection.query(
                "SELECT code, name, due_soon_fraction::float8 AS fraction FROM deadline_schemes ORDER BY code")
            var items: [Scheme] = []
            for row in schemes {
                let code: String = try row.decode("code")
                let steps = try await connection.query(
                    "SELECT step, status, limit_days, counting, checkpoint FROM deadline_steps WHERE scheme_code = \(code) ORDER BY step"
                ).map { step in
                    SchemeStep(
                        step: try step.decode("step"), status: try step.decode("status"), limitDays: try step.decode("limit_days"),
                        counting: try step.decode("counting"), checkpoint: try step.decode("checkpoint"))
                }
                items.append(Scheme(code: code, name: try row.decode("name"), dueSoonFraction: try row.decode("fraction"), steps: steps))
            }
            return SchemePage(items: items, page: 1, size: items.count, total: items.count)
        }
    }
}
