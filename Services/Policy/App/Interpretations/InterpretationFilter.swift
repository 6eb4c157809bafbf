import Foundation
import Hummingbird
import ServiceKit
import Validators

/// The interpretation list's query: region (its policy's), publication-day range, title keyword,
/// policy, sort; read with field-named 400s. `status` other than published is for a unit's staff.
struct InterpretationFilter: Sendable {
    enum Sort: String, CaseIterable, Sendable {
        case publishedDesc = "publishedAt.desc", publishedAsc = "publishedAt.asc"
    }

    var region: String?
    var policyID: UUID?
    var form: InterpretationInput.Form?
    var publishedFrom: Date?
    /// Exclusive: the day after `publishedTo`.
    var publishedBefore: Date?
    /// Whitespace-separated terms, each required in the title.
    var terms: [String] = []
    var sort: Sort = .publishedDesc
    /// `published` for everyone; another status only within `unitID`.
    var status: ReviewRule.Status = .published
    var unitID: UUID?

    /// Values are taken as sent (no trimming), so what the OpenAPI document's patterns and lengths
    /// refuse is refused here too.
    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        func text(_ name: String, max: Int = 64) throws -> String? {
            guard let value = query.get(name) else { return nil }
            guard value.unicodeScalars.count <= max else { throw APIError.invalid(name, "must be at most \(max) characters") }
            return try PlainText.check(value, name)
        }
        region = try text("region").map { value in
            guard value.count == 6, value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw APIError.invalid("region", "must be a six-digit region code (GB/T 2260)")
            }
            return value
        }
        policyID = try text("policyID").map { value in
            guard let id = UUID(uuidString: value) else { throw APIError.invalid("policyID", "must be a UUID") }
            return id
        }
        form = try Validate.option(request, "form", as: InterpretationInput.Form.self)
        publishedFrom = try text("publishedFrom").map { try Self.day($0, "publishedFrom") }
        publishedBefore = try text("publishedTo").map { try Self.day($0, "publishedTo").addingTimeInterval(86_400) }
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

    /// `yyyy-MM-dd` (years 0001–9999, RFC 3339 full-date), a day in China Standard Time, as its first instant.
    static func day(_ text: String, _ field: String) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], text.allSatisfy({ $0 == "-" || ($0.isASCII && $0.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1,
            let date = calendar.date(from: DateComponents(era: 1, year: year, month: month, day: day)),
            calendar.component(.month, from: date) == month, calendar.component(.day, from: date) == day
        else { throw APIError.invalid(field, "must be a date yyyy-MM-dd") }
        return date
    }

    var keywordGrams: [String] { Array(Set(terms.flatMap(TitleGrams.required))).sorted() }
    var likePatterns: [String] { terms.map { LikePattern.containing($0.lowercased()) } }
}
