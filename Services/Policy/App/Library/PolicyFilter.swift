import Foundation
import Hummingbird
import ServiceKit
import Validators

/// The list's query: filters, title keyword and sort, read with field-named 400s.
struct PolicyFilter: Sendable {
    enum Sort: String, CaseIterable, Sendable {
        case issuedDesc = "issuedAt.desc", issuedAsc = "issuedAt.asc", publishedDesc = "publishedAt.desc", publishedAsc = "publishedAt.asc"

        var sql: String {
            switch self {
            case .issuedDesc: "p.issued_at DESC, p.policy_id"
            case .issuedAsc: "p.issued_at ASC, p.policy_id"
            case .publishedDesc: "p.published_at DESC, p.policy_id"
            case .publishedAsc: "p.published_at ASC, p.policy_id"
            }
        }
    }

    var region: String?
    var agencyID: UUID?
    var issuedFrom: Date?
    /// Exclusive: the day after `issuedTo`.
    var issuedBefore: Date?
    var policyType: String?
    var subsidyType: String?
    var tag: String?
    /// Whitespace-separated terms, each required in the title.
    var terms: [String] = []
    var sort: Sort = .issuedDesc

    init() {}

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        func text(_ name: String, max: Int = 64) throws -> String? {
            try Validate.optionalText(query.get(name), name, max: max).map { try PlainText.check($0, name) }
        }
        region = try text("region").map { try PolicyInput.region($0, "region") }
        agencyID = try text("agencyID").map { value in
            guard let id = UUID(uuidString: value) else { throw APIError.invalid("agencyID", "must be a UUID") }
            return id
        }
        issuedFrom = try text("issuedFrom").map { try Self.day($0, "issuedFrom") }
        issuedBefore = try text("issuedTo").map { try Self.day($0, "issuedTo").addingTimeInterval(86_400) }
        policyType = try text("policyType")
        subsidyType = try text("subsidyType")
        tag = try text("tag")
        if let keyword = try text("keyword", max: 50) {
            terms = keyword.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        if let sort = try text("sort") {
            guard let value = Sort(rawValue: sort) else {
                throw APIError.invalid("sort", "must be one of \(Sort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.sort = value
        }
    }

    /// `yyyy-MM-dd`, a day in China Standard Time (UTC+8), as its first instant.
    static func day(_ text: String, _ field: String) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard text.count == 10, parts.count == 3, (1970...9999).contains(parts[0]),
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.month, from: date) == parts[1], calendar.component(.day, from: date) == parts[2]
        else { throw APIError.invalid(field, "must be a date yyyy-MM-dd") }
        return date
    }

    /// The terms joined: a title holding this whole phrase ranks first.
    var phrase: String { terms.joined() }
    var keywordGrams: [String] { Array(Set(terms.flatMap(TitleGrams.required))).sorted() }
    var likePatterns: [String] { terms.map { LikePattern.containing($0.lowercased()) } }
}
