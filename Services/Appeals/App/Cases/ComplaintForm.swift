import Foundation
import PersonalData
import ServiceKit

/// Pingdingshan's complaint form (营商环境投诉 > 发起投诉).
struct ComplaintForm: Codable, Sendable, Equatable {
    /// 投诉类 / 意见类.
    enum Nature: String, Codable, Sendable {
        case complaint
        case opinion
    }

    var contactName: String
    var contactIDNumber: String
    var contactPhone: String
    var contactEmail: String?
    var title: String
    /// 被投诉单位.
    var respondentUnit: String
    var nature: Nature
    /// 是否公开: shown in the public list after conclusion.
    var isPublic: Bool
    var category: String
    var content: String
    var attachments: [UUID]?

    static let personalFields: [String: PersonalField] = ["contactIDNumber": .idNumber, "contactPhone": .phone, "contactEmail": .email]

    func validated() throws -> ComplaintForm {
        var form = self
        form.contactName = try Validate.text(contactName, "contactName", max: 40)
        form.contactIDNumber = try Validate.idNumber(contactIDNumber, "contactIDNumber")
        form.contactPhone = try Validate.phone(contactPhone, "contactPhone", .mobileOrLandline)
        // 电子邮箱 is required on the complaint form (enterprise manual 1.5.2 marks it with *).
        form.contactEmail = try Validate.email(contactEmail, "contactEmail")
        form.title = try Validate.text(title, "title", max: 100)
        form.respondentUnit = try Validate.text(respondentUnit, "respondentUnit", max: 100)
        form.category = try Validate.text(category, "category", max: 64)
        form.content = try Validate.text(content, "content", max: 5000)
        guard (attachments?.count ?? 0) <= 10 else { throw APIError.invalid("attachments", "at most 10 attachments") }
        return form
    }

    var personalValues: [String: String] {
        var values = ["contactIDNumber": contactIDNumber, "contactPhone": contactPhone]
        if let contactEmail { values["contactEmail"] = contactEmail }
        return values
    }

    var withoutPersonalData: ComplaintForm {
        var form = self
        form.contactIDNumber = ""
        form.contactPhone = ""
        form.contactEmail = nil
        return form
    }

    func with(personal values: [String: String]) -> ComplaintForm {
        var form = self
        form.contactIDNumber = values["contactIDNumber"] ?? ""
        form.contactPhone = values["contactPhone"] ?? ""
        form.contactEmail = values["contactEmail"]
        return form
    }
}
