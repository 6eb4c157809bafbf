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

    /// Whether the search index narrows the list (a keyword or a facet), rather than the whole library.
    var narrows: Bool {
        !terms.isEmpty || region != nil || agencyID != nil || policyType != nil || subsidyType != nil || tag != nil
    }

    init() {}

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        func text(_ name: String, max: Int = 64) throws -> String? {
            try Validate.optionalContentText(query.get(name), name, max: max)
        }
        region = try query.get("region").map { try PolicyInput.region($0, "region") }
        agencyID = try query.get("agencyID").map { value in
            guard let id = UUID(uuidString: value) else { throw APIError.invalid("agencyID", "must be a UUID") }
            return id
        }
        issuedFrom = try query.get("issuedFrom").map { try Self.day($0, "issuedFrom") }
        issuedBefore = try query.get("issuedTo").map { try Self.day($0, "issuedTo").addingTimeInterval(86_400) }
        policyType = try text("policyType")
        subsidyType = try text("subsidyType")
        tag = try text("tag")
        if let keyword = try text("keyword", max: 50) {
            terms = keyword.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        if let sort = query.get("sort") {
            guard let value = Sort(rawValue: sort) else {
                throw APIError.invalid("sort", "must be one of \(Sort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.sort = value
        }
    }

    /// `yyyy-MM-dd` (years 0001–9999, the proleptic Gregorian calendar, as PostgreSQL counts), a day
    /// in China Standard Time (UTC+8), as its first instant.
    static func day(_ text: String, _ field: String) throws -> Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            year >= 1, (1...12).contains(month), (1...daysIn(month, of: year)).contains(day)
        else { throw APIError.invalid(field, "must be a date yyyy-MM-dd") }
        return Date(timeIntervalSince1970: TimeInterval(daysFromEpoch(year: year, month: month, day: day)) * 86_400 - 8 * 3600)
    }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The terms joined: a title holding this whole phrase ranks first.
    var phrase: String { terms.joined() }
    var keywordGrams: [String] { Array(Set(terms.flatMap(TitleGrams.required))).sorted() }
    var likePatterns: [String] { terms.map { LikePattern.containing($0.lowercased()) } }
}
