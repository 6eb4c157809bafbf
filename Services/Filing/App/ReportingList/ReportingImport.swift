import Foundation
import Hummingbird
import ServiceKit

/// A CSV import of the reporting list: the seed's table (序号, 县(市、区), 企业名称, 所属行业, and optionally
/// 统一社会信用代码), headed in Chinese or by field name. Each row stands alone; the report answers for
/// every row: accepted (with the new entry's id) or refused (with the field and the reason).
enum ReportingImport {
    struct RowResult: Codable, Sendable, Equatable {
        /// The row's line in the file (the header is line 1).
        var row: Int
        var status: String
        var id: UUID?
        var field: String?
        var reason: String?
    }

    struct Report: ResponseCodable, Sendable {
        var rows: Int
        var accepted: Int
        var refused: Int
        var results: [RowResult]
    }

    /// Column headers and the input field each fills.
    static let headers: [String: String] = [
        "序号": "serialNo", "serialNo": "serialNo",
        "县(市、区)": "region", "县（市、区）": "region", "region": "region",
        "企业名称": "name", "name": "name",
        "所属行业": "industry", "industry": "industry",
        "统一社会信用代码": "uscc", "uscc": "uscc",
    ]
    static let required = ["region", "name", "industry"]

    /// The input field of each column (nil for a column the import does not read), or a 400 naming
    /// the missing columns.
    static func columns(_ header: [String]) throws -> [String?] {
        let fields = header.map { headers[$0.trimmingCharacters(in: .whitespaces)] }
        let missing = required.filter { !fields.contains($0) }
        guard missing.isEmpty else {
            throw APIError.invalid("body", "the header lacks the column(s) \(missing.joined(separator: ", ")) (县(市、区), 企业名称, 所属行业)")
        }
        return fields
    }

    static func input(_ fields: [String: String]) -> ReportingEnterpriseInput {
        ReportingEnterpriseInput(region: fields["region"], name: fields["name"], uscc: fields["uscc"], industry: fields["industry"], reason: nil)
    }
}
