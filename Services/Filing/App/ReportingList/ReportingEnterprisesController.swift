import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// The reporting list (重点监测工业企业表): public, with county and industry filters; bureau admins
/// add one, remove one (each with a reason; audited, history kept) and import the list from CSV.
struct ReportingEnterprisesController {
    let runtime: FilingRuntime
    var pool: PostgresPool { runtime.dependencies.pool }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("reporting-enterprises", use: list)
        router.post("reporting-enterprises", use: add)
        router.post("reporting-enterprises/imports", use: importCSV)
        router.get("reporting-enterprises/:id", use: show)
        router.get("reporting-enterprises/:id/history", use: history)
        router.post("reporting-enterprises/:id/removal", use: remove)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<ReportingEnterprise> {
        let paging = try Paging(request)
        let region = try QueryFilter.matching(request, "region", QueryFilter.region, QueryFilter.regionRule)
        let industry = try QueryFilter.matching(
            request, "industry", #"\A[A-T]([0-9]{2,4})?\z"#, "must be a GB/T 4754-2017 code such as C, C25 or C2521")
        return try await pool.withConnection { connection in
            try await ReportingEnterpriseStore.list(region: region, industry: industry, paging: paging, on: connection)
        }
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> ReportingEnterprise {
        let id = try context.pathID()
        return try await pool.withConnection { connection in
            guard let entry = try await ReportingEnterpriseStore.load(id, on: connection) else { throw APIError.notFound("reporting enterprise") }
            return entry
        }
    }

    func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ReportingEnterprise> {
        let admin = try context.requireListKeeper()
        let input = try await request.decodeBody(ReportingEnterpriseInput.self, context: context)
        let reason = try Validate.text(input.reason, "reason", max: 500)
        let entry = try await pool.withTransaction { connection in
            let fields = try await input.validate(on: connection)
            return try await Self.add(fields, action: "added", reason: reason, by: admin, on: connection)
        }
        return EditedResponse(status: .created, response: entry)
    }

    func remove(_ request: Request, context: AppRequestContext) async throws -> ReportingEnterprise {
        let admin = try context.requireListKeeper()
        let id = try context.pathID()
        let reason = try Validate.text(try await request.decodeBody(RemovalInput.self, context: context).reason, "reason", max: 500)
        return try await pool.withTransaction { connection in
            guard let entry = try await ReportingEnterpriseStore.lock(id, on: connection) else { throw APIError.notFound("reporting enterprise") }
            guard entry.active else { throw APIError.conflict("the enterprise is no longer on the list") }
            let now = Date()
            try await ReportingEnterpriseStore.remove(id, at: now, on: connection)
            try await ReportingEnterpriseStore.record(id, action: "removed", reason: reason, by: admin.accountID, at: now, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "removed", subjectKind: "reportingEnterprise", subjectID: id.uuidString.lowercased(), by: admin,
                    acting: [.statistician], detail: ["reason": .string(reason), "name": .string(entry.name)]),
                at: now, on: connection)
            guard let after = try await ReportingEnterpriseStore.load(id, on: connection) else { throw APIError.notFound("reporting enterprise") }
            return after
        }
    }

    func history(_ request: Request, context: AppRequestContext) async throws -> Page<ReportingEnterpriseChange> {
        _ = try context.requireOfficial(.statistician)
        let id = try context.pathID()
        return try await pool.withConnection { connection in
            guard try await ReportingEnterpriseStore.load(id, on: connection) != nil else { throw APIError.notFound("reporting enterprise") }
            return Page(all: try await ReportingEnterpriseStore.history(of: id, on: connection))
        }
    }

    /// `POST /reporting-enterprises/imports` (text/csv): every row stands alone; the report names each.
    func importCSV(_ request: Request, context: AppRequestContext) async throws -> ReportingImport.Report {
        let admin = try context.requireListKeeper()
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(.contentTooLarge, code: "payload_too_large", message: "the request body is too large", field: "body")
        }
        let text = String(decoding: Data(buffer: buffer), as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
        var rows = CSVRows.parse(text)
        guard let header = rows.first else { throw APIError.invalid("body", "is empty: send a CSV with a header row") }
        rows.removeFirst()
        guard rows.count <= 5000 else { throw APIError.invalid("body", "has more than 5000 rows") }
        let columns = try ReportingImport.columns(header.fields)
        var results: [ReportingImport.RowResult] = []
        for row in rows {
            var values: [String: String] = [:]
            for (index, field) in columns.enumerated() where index < row.fields.count {
                if let field { values[field] = row.fields[index] }
            }
            do {
                let entry = try await pool.withTransaction { connection in
                    let fields = try await ReportingImport.input(values).validate(on: connection)
                    return try await Self.add(fields, action: "imported", reason: "CSV import", by: admin, on: connection)
                }
                results.append(.init(row: row.line, status: "accepted", id: entry.id))
            } catch let error as APIError {
                results.append(.init(row: row.line, status: "refused", field: error.field ?? "row", reason: error.message))
            }
        }
        let accepted = results.filter { $0.status == "accepted" }.count
        return .init(rows: rows.count, accepted: accepted, refused: results.count - accepted, results: results)
    }

    /// Adds a checked entry (refusing a second active one of the same name or USCC), audited, with its history.
    static func add(
        _ fields: ReportingEnterpriseFields, action: String, reason: String, by admin: AccessClaims, on connection: PostgresConnection
    ) async throws -> ReportingEnterprise {
        if let field = try await ReportingEnterpriseStore.activeDuplicate(name: fields.name, uscc: fields.uscc, on: connection) {
            throw APIError(.conflict, code: "already_listed", message: "is already on the list", field: field)
        }
        let id = UUID()
        let now = Date()
        try await ReportingEnterpriseStore.insert(fields, id: id, at: now, on: connection)
        try await ReportingEnterpriseStore.record(id, action: action, reason: reason, by: admin.accountID, at: now, on: connection)
        try await AuditTrail.append(
            AuditEntry(
                action: action, subjectKind: "reportingEnterprise", subjectID: id.uuidString.lowercased(), by: admin,
                acting: [.statistician],
                detail: ["reason": .string(reason), "name": .string(fields.name), "region": .string(fields.region.code),
                         "industryCode": .string(fields.industry.code)]),
            at: now, on: connection)
        guard let entry = try await ReportingEnterpriseStore.load(id, on: connection) else { throw APIError.notFound("reporting enterprise") }
        return entry
    }
}
