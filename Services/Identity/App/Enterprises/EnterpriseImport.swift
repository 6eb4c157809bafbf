import Foundation
import Hummingbird

/// The CSV import's rules (UTF-8, header row): which columns there are, how a row becomes an
/// `EnterpriseInput`, and how a field-named error names its column in the report.
enum EnterpriseImport {
    static let columns = [
        "uscc", "name", "region", "industry", "ownership", "employeeBand", "address", "principalName", "principalTitle",
        "principalPhone", "contactName", "contactTitle", "contactPhone", "overview", "tags",
    ]
    static let optionalColumns: Set = ["address", "principalTitle", "contactName", "contactTitle", "contactPhone", "overview", "tags"]

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

    /// The required columns `header` lacks.
    static func missingColumns(_ header: [String]) -> [String] {
        columns.filter { !header.contains($0) && !optionalColumns.contains($0) }
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

    static func input(_ value: [String: String]) -> EnterpriseInput {
        EnterpriseInput(
            uscc: value["uscc"], name: value["name"], region: value["region"], industry: value["industry"],
            ownership: value["ownership"], employeeBand: value["employeeBand"], address: value["address"],
            principal: .init(name: value["principalName"], title: value["principalTitle"], phone: value["principalPhone"]),
            contact: .init(name: value["contactName"], title: value["contactTitle"], phone: value["contactPhone"]),
            overview: value["overview"],
            tags: value["tags"].map { $0.split(whereSeparator: { $0 == ";" || $0 == "|" }).map(String.init) } ?? [])
    }
}
