import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Admins import preset enterprises from CSV. Each row stands alone: valid rows are imported as
/// approved; the report names every rejected row, its field and why.
struct EnterpriseImportController: IdentityController {
    let runtime: IdentityRuntime

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/imports", use: importCSV)
    }

    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> EnterpriseImport.Report {
        let admin = try context.requireOfficial(.platformAdmin)
        let buffer = try await request.body.collect(upTo: 5 * 1024 * 1024)
        let text = String(buffer: buffer).replacingOccurrences(of: "\u{FEFF}", with: "")
        var rows = CSVRows.parse(text)
        guard let header = rows.first else { throw APIError.invalid("body", "is empty: send a CSV with a header row") }
        rows.removeFirst()
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = EnterpriseImport.missingColumns(names)
        guard missing.isEmpty else { throw APIError.invalid("body", "the header lacks the column(s) \(missing.joined(separator: ", "))") }
        var report = EnterpriseImport.Report(rows: rows.count, imported: 0, rejected: [])
        for row in rows {
            var value: [String: String] = [:]
            for (index, name) in names.enumerated() where index < row.fields.count { value[name] = row.fields[index] }
            do {
                try await importRow(EnterpriseImport.input(value), by: admin.accountID, clientIP: context.clientIP)
                report.imported += 1
            } catch let error as APIError {
                report.rejected.append(
                    EnterpriseImport.Rejection(
                        line: row.line, uscc: value["uscc"], field: EnterpriseImport.column(error.field), message: error.message))
            }
        }
        return report
    }

    private func importRow(_ input: EnterpriseInput, by adminID: UUID, clientIP: String) async throws {
        try await runtime.pool.withTransaction { connection in
            let fields = try await EnterpriseFields.validate(input, on: connection)
            try await EnterpriseStore.requireNewUSCC(fields.uscc, tellingStatus: true, on: connection)
            let id = UUID()
            try await EnterpriseStore.insert(
                id: id, fields, status: "approved", origin: "imported", registeredBy: nil, cipher: runtime.cipher, on: connection)
            guard let record = try await EnterpriseStore.load(id, cipher: runtime.cipher, on: connection) else { return }
            try await runtime.deps.outbox.append(
                EnterpriseRegistered(enterprise: record.profile, origin: .imported, approved: true, registeredAt: Date()), on: connection)
            try await EnterpriseContact(runtime: runtime).registered(id, fields, on: connection)
            try await AuditTrail.append(
                AuditEntry(.enterpriseImported, actor: adminID, subject: "enterprise:\(id)", clientIP: clientIP), on: connection)
        }
    }
}
