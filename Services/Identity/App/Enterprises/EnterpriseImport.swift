import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Admins import preset enterprises from CSV (UTF-8, header row). Each row stands alone: valid
/// rows are imported as approved; the report names every rejected row, its field and why.
struct EnterpriseImport {
    let runtime: IdentityRuntime

    static let columns = [
        "uscc", "name", "region", "industry", "ownership", "employeeBand", "address", "principalName", "principalTitle",
        "principalPhone", "contactName", "contactTitle", "contactPhone", "overview", "tags",
    ]

    struct Rejection: Codable, Sendable {
        var line: Int
        var uscc: String?
        var field: String
        var message: String
    }

    struct Report: ResponseCodable, Sendable {
        var rows: Int
        var imported: Int
        var rejected: [Rejection]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/imports") { request, context -> Report in
            let admin = try context.requireOfficial(.platformAdmin)
            let buffer = try await request.body.collect(upTo: 5 * 1024 * 1024)
            let text = String(buffer: buffer).replacingOccurrences(of: "\u{FEFF}", with: "")
            var rows = CSVRows.parse(text)
            guard let header = rows.first else { throw APIError.invalid("body", "is empty: send a CSV with a header row") }
            rows.removeFirst()
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let missing = Self.columns.filter { !names.contains($0) && !["address", "principalTitle", "contactName", "contactTitle", "contactPhone", "overview", "tags"].contains($0) }
            guard missing.isEmpty else { throw APIError.invalid("body", "the header lacks the column(s) \(missing.joined(separator: ", "))") }
            var report = Report(rows: rows.count, imported: 0, rejected: [])
            for row in rows {
                var value: [String: String] = [:]
                for (index, name) in names.enumerated() where index < row.fields.count { value[name] = row.fields[index] }
                do {
                    try await importRow(value, by: admin.accountID, clientIP: request.clientIP)
                    report.imported += 1
                } catch let error as APIError {
                    report.rejected.append(Rejection(line: row.line, uscc: value["uscc"], field: Self.column(error.field), message: error.message))
                }
            }
            return report
        }
    }

    /// Maps a JSON field name back to its CSV column.
    static func column(_ field: String?) -> String {
        switch field {
        case "principal.name": "principalName"
        case "principal.title": "principalTitle"
        case "principal.phone": "principalPhone"
        case "contact.name": "contactName"
        case "contact.title": "contactTitle"
        case "contact.phone": "contactPhone"
        case let other?: other.hasPrefix("tags") ? "tags" : other
        case nil: "row"
        }
    }

    private func importRow(_ value: [String: String], by adminID: UUID, clientIP: String) async throws {
        let input = EnterpriseInput(
            uscc: value["uscc"], name: value["name"], region: value["region"], industry: value["industry"],
            ownership: value["ownership"], employeeBand: value["employeeBand"], address: value["address"],
            principal: .init(name: value["principalName"], title: value["principalTitle"], phone: value["principalPhone"]),
            contact: .init(name: value["contactName"], title: value["contactTitle"], phone: value["contactPhone"]),
            overview: value["overview"],
            tags: value["tags"].map { $0.split(whereSeparator: { $0 == ";" || $0 == "|" }).map(String.init) } ?? [])
        try await runtime.pool.withTransaction { connection in
            let fields = try await EnterpriseFields.validate(input, on: connection)
            try await EnterprisesController.requireNewUSCC(fields.uscc, on: connection)
            let id = UUID()
            try await EnterpriseRecord.insert(
                id: id, fields, status: "approved", origin: "imported", registeredBy: nil, cipher: runtime.cipher, on: connection)
            guard let record = try await EnterpriseRecord.load(id, cipher: runtime.cipher, on: connection) else { return }
            try await runtime.deps.outbox.append(
                EnterpriseRegistered(enterprise: record.profile, origin: .imported, approved: true, registeredAt: Date()), on: connection)
            try await runtime.audit.append(.enterpriseImported, actor: adminID, subject: "enterprise:\(id)", clientIP: clientIP, on: connection)
        }
    }
}
