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
        let title = try Validate.contentText(title, "title", max: 300)
        let documentNumber = try Validate.contentText(documentNumber, "documentNumber", max: 100)
        let region = try Self.region(region, "region")
        let issuedText = try Validate.text(issuedAt, "issuedAt", max: 40)
        guard let issued = EventTime.parse(issuedText) else { throw APIError.invalid("issuedAt", "must be an RFC 3339 date-time") }
        guard issued <= now.addingTimeInterval(300) else { throw APIError.invalid("issuedAt", "must not be in the future") }
        guard issued >= Date(timeIntervalSince1970: 0) else { throw APIError.invalid("issuedAt", "must be after 1970") }
        let policyType = try Validate.contentText(policyType, "policyType", max: 64)
        let subsidyType = try Validate.optionalContentText(subsidyType, "subsidyType", max: 64)
        let tags = try (tags ?? []).enumerated().map { try Validate.contentText($0.element, "tags[\($0.offset)]", max: 64) }
        guard tags.count <= 20 else { throw APIError.invalid("tags", "must be at most 20") }
        let body = try Validate.contentText(body, "body", max: 200_000)
        let attachments = attachments ?? []
        guard attachments.count <= 20 else { throw APIError.invalid("attachments", "must be at most 20") }
        return PolicyContent(
            title: title, documentNumber: documentNumber, region: region, issuedAt: issued, policyType: policyType,
            subsidyType: subsidyType, tags: Array(NSOrderedSet(array: tags)) as? [String] ?? tags, body: HTMLSanitizer.sanitize(body),
            attachments: attachments)
    }

    /// A six-digit GB/T 2260 region code, as sent (the document's pattern `^[0-9]{6}$`: no blanks around it).
    static func region(_ value: String?, _ field: String) throws -> String {
        guard let text = value else { throw APIError.invalid(field, "is required") }
        guard text.utf8.count == 6, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw APIError.invalid(field, "must be a six-digit region code (GB/T 2260)")
        }
        return text
    }
}
