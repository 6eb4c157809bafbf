import Foundation
import Hummingbird
import ServiceKit
import Validators

/// The redemption item list's query: applicant kind, region, implementing unit, policy type, keyword
/// (in the item's or its project's name), window open today, sort; field-named 400s. `status`
/// other than published is for a unit's staff.
struct RedemptionItemFilter: Sendable {
    enum Sort: String, CaseIterable, Sendable {
        case publishedDesc = "publishedAt.desc", publishedAsc = "publishedAt.asc"
    }

    var applicantKind: RedemptionItemInput.ApplicantKind?
    var region: String?
    var unitID: UUID?
    var policyID: UUID?
    var policyType: String?
    /// Whitespace-separated terms, each required in the item's title or its project's name.
    var terms: [String] = []
    /// true: the window includes `today`; false: it does not.
    var openNow: Bool?
    var sort: Sort = .publishedDesc
    /// `published` for everyone; another status only within `staffUnitID`.
    var status: ReviewRule.Status = .published
    var staffUnitID: UUID?
    /// The Beijing date the window is read against.
    var today = BeijingDate.text(Date())

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        func text(_ name: String, max: Int = 64) throws -> String? {
            guard let value = query.get(name) else { return nil }
            guard value.unicodeScalars.count <= max else { throw APIError.invalid(name, "must be at most \(max) characters") }
            return try PlainText.check(value, name)
        }
        func uuid(_ name: String) throws -> UUID? {
            try text(name).map { value in
                guard let id = UUID(uuidString: value) else { throw APIError.invalid(name, "must be a UUID") }
                return id
            }
        }
        applicantKind = try Validate.option(request, "applicantKind", as: RedemptionItemInput.ApplicantKind.self)
        region = try text("region").map { try PolicyInput.region($0, "region") }
        unitID = try uuid("unitID")
        policyID = try uuid("policyID")
        policyType = try text("policyType")
        if let keyword = try text("keyword", max: 50) {
            terms = keyword.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        openNow = try Validate.flag(request, "openNow")
        if let sort = try text("sort") {
            guard let value = Sort(rawValue: sort) else {
                throw APIError.invalid("sort", "must be one of \(Sort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.sort = value
        }
    }

    var likePatterns: [String] { terms.map { LikePattern.containing($0.lowercased()) } }
}
