import Foundation
import ServiceKit

/// A redemption item (兑现事项) as an implementing unit's editor drafts or edits it; `validated()`
/// checks every field (field-named 400s). The policy and the policy types are checked against the
/// database by the controller.
struct RedemptionItemInput: Decodable {
    enum ApplicantKind: String, Codable, Sendable, CaseIterable {
        case enterprise, individual
    }

    /// The file types a material may be uploaded as.
    enum MaterialFileType: String, Codable, Sendable, CaseIterable {
        case pdf, png, jpeg, docx, xlsx
    }

    struct Material: Codable, Sendable, Equatable {
        var name: String
        var required: Bool
        var fileTypes: [MaterialFileType]
    }

    struct MaterialInput: Decodable {
        var name: String?
        var required: Bool?
        var fileTypes: [MaterialFileType]?
    }

    var policyID: String?
    var project: String?
    var title: String?
    var region: String?
    var policyTypes: [String]?
    var supportKind: String?
    var amount: String?
    var processingDays: Int?
    var applicantKind: ApplicantKind?
    var onSiteVisits: Int?
    var phone: String?
    var windowFrom: String?
    var windowTo: String?
    var description: String?
    var guide: String?
    var materials: [MaterialInput]?

    struct Draft: Sendable {
        var policyID: UUID
        var project: String
        var title: String
        var region: String
        var policyTypes: [String]
        var supportKind: String
        /// A figure in yuan (at most two decimals, a decimal string), or nil when the amount is a text.
        var amountFigure: String?
        var amountText: String?
        var processingDays: Int
        var applicantKind: ApplicantKind
        var onSiteVisits: Int
        var phone: String
        var windowFrom: String
        var windowTo: String
        var description: String
        var guide: String
        var materials: [Material]
    }

    func validated() throws -> Draft {
        let policyID = try InterpretationInput.uuid(policyID, "policyID")
        let project = try Validate.contentText(project, "project", max: 200)
        let title = try Validate.contentText(title, "title", max: 200)
        let region = try PolicyInput.region(region, "region")
        guard let policyTypes, !policyTypes.isEmpty else { throw APIError.invalid("policyTypes", "must name at least one policy type") }
        guard policyTypes.count <= 10 else { throw APIError.invalid("policyTypes", "must be at most 10") }
        let types = try policyTypes.enumerated().map { try Validate.contentText($0.element, "policyTypes[\($0.offset)]", max: 64) }
        let supportKind = try Validate.contentText(supportKind, "supportKind", max: 64)
        let (figure, text) = try Self.amount(amount)
        guard let processingDays else { throw APIError.invalid("processingDays", "is required (working days)") }
        guard (1...365).contains(processingDays) else { throw APIError.invalid("processingDays", "must be from 1 to 365 working days") }
        guard let applicantKind else { throw APIError.invalid("applicantKind", "is required (enterprise or individual)") }
        let visits = onSiteVisits ?? 0
        guard (0...10).contains(visits) else { throw APIError.invalid("onSiteVisits", "must be from 0 to 10") }
        let phone = try Self.phone(phone)
        let from = try Self.day(windowFrom, "windowFrom")
        let to = try Self.day(windowTo, "windowTo")
        guard from <= to else { throw APIError.invalid("windowTo", "must not be before windowFrom") }
        let description = try Validate.contentText(description, "description", max: 5000)
        let guide = HTMLSanitizer.sanitize(try Validate.contentText(guide, "guide", max: 50_000))
        let materials = try (materials ?? []).enumerated().map { try Self.material($0.element, "materials[\($0.offset)]") }
        guard materials.count <= 30 else { throw APIError.invalid("materials", "must be at most 30") }
        guard Set(materials.map(\.name)).count == materials.count else { throw APIError.invalid("materials", "must not name a material twice") }
        return Draft(
            policyID: policyID, project: project, title: title, region: region, policyTypes: Array(NSOrderedSet(array: types)) as? [String] ?? types,
            supportKind: supportKind, amountFigure: figure, amountText: text, processingDays: processingDays, applicantKind: applicantKind,
            onSiteVisits: visits, phone: phone, windowFrom: from, windowTo: to, description: description, guide: guide, materials: materials)
    }

    /// A figure (digits, at most 13 before and 2 after the point) or a text such as 按实际核定.
    static func amount(_ value: String?) throws -> (String?, String?) {
        let text = try Validate.contentText(value, "amount", max: 100)
        if text.range(of: #"^[0-9]{1,13}(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil { return (text, nil) }
        return (nil, text)
    }

    /// A consultation phone (咨询电话) of the unit: digits with an optional area-code hyphen or extension.
    static func phone(_ value: String?) throws -> String {
        guard let value else { throw APIError.invalid("phone", "is required") }
        guard value.range(of: #"^[0-9][0-9-]{4,18}[0-9]$"#, options: .regularExpression) != nil else {
            throw APIError.invalid("phone", "must be a phone number (digits and hyphens)")
        }
        return value
    }

    /// `yyyy-MM-dd`, a Beijing date, as sent.
    static func day(_ value: String?, _ field: String) throws -> String {
        guard let value else { throw APIError.invalid(field, "is required (yyyy-MM-dd)") }
        let date = try InterpretationFilter.day(value, field)
        return BeijingDate.text(date)
    }

    static func material(_ input: MaterialInput, _ field: String) throws -> Material {
        let name = try Validate.contentText(input.name, "\(field).name", max: 200)
        guard let types = input.fileTypes, !types.isEmpty else { throw APIError.invalid("\(field).fileTypes", "must allow at least one file type") }
        let unique = MaterialFileType.allCases.filter(types.contains)
        return Material(name: name, required: input.required ?? true, fileTypes: unique)
    }
}
