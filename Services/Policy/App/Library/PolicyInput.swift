import Contracts
import Foundation
import ServiceKit

/// A policy as an editor sends it; `content(now:)` checks every field (field-named 400s) and
/// sanitizes the body. Reference codes and attachments are checked against the database by the store.
struct PolicyInput: Decodable {
    var title: String?
    var documentNumber: String?
    var region: String?
    var issuedAt: String?
    var policyType: String?
    var subsidyType: String?
    var tags: [String]?
    var body: String?
    var attachments: [UUID]?

    func content(now: Date) throws -> PolicyContent {
        let title = try PlainText.check(try Validate.text(title, "title", max: 300), "title")
        let documentNumber = try PlainText.check(try Validate.text(documentNumber, "documentNumber", max: 100), "documentNumber")
        let region = try Self.region(region, "region")
        let issuedText = try Validate.text(issuedAt, "issuedAt", max: 40)
        guard let issued = EventTime.parse(issuedText) else { throw APIError.invalid("issuedAt", "must be an RFC 3339 date-time") }
        guard issued <= now.addingTimeInterval(300) else { throw APIError.invalid("issuedAt", "must not be in the future") }
        guard issued >= Date(timeIntervalSince1970: 0) else { throw APIError.invalid("issuedAt", "must be after 1970") }
        let policyType = try PlainText.check(try Validate.text(policyType, "policyType", max: 64), "policyType")
        let subsidyType = try Validate.optionalText(subsidyType, "subsidyType", max: 64).map { try PlainText.check($0, "subsidyType") }
        let tags = try (tags ?? []).enumerated().map { try PlainText.check(try Validate.text($0.element, "tags[\($0.offset)]", max: 64), "tags[\($0.offset)]") }
        guard tags.count <= 20 else { throw APIError.invalid("tags", "must be at most 20") }
        let body = try PlainText.check(try Validate.text(body, "body", max: 200_000), "body")
        let attachments = attachments ?? []
        guard attachments.count <= 20 else { throw APIError.invalid("attachments", "must be at most 20") }
        return PolicyContent(
            title: title, documentNumber: documentNumber, region: region, issuedAt: issued, policyType: policyType,
            subsidyType: subsidyType, tags: Array(NSOrderedSet(array: tags)) as? [String] ?? tags, body: HTMLSanitizer.sanitize(body),
            attachments: attachments)
    }

    /// A six-digit GB/T 2260 region code.
    static func region(_ value: String?, _ field: String) throws -> String {
        let text = try Validate.text(value, field, max: 6)
        guard text.count == 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw APIError.invalid(field, "must be a six-digit region code (GB/T 2260)")
        }
        return text
    }
}
