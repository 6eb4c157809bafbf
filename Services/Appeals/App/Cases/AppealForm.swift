import Foundation
import PersonalData
import ServiceKit

/// Pingdingshan's appeal form (企业提诉求): basic information, last year's operating figures in
/// 万元, development plan, helper official, and the problem.
struct AppealForm: Codable, Sendable, Equatable {
    struct BasicInfo: Codable, Sendable, Equatable {
        var region: String
        var industry: String
        var employeeCount: String
        var ownership: String
        var principalName: String
        var principalTitle: String
        var principalPhone: String
        var contactName: String
        var contactTitle: String
        var contactPhone: String
        var overview: String
    }

    /// 上年度生产经营状况 (万元).
    struct Operations: Codable, Sendable, Equatable {
        var year: Int
        var investment: Decimal
        var revenue: Decimal
        var tax: Decimal
    }

    /// 发展规划.
    struct Plan: Codable, Sendable, Equatable {
        var text: String
    }

    /// 助企干部: the official helping the enterprise, when it has one.
    struct Helper: Codable, Sendable, Equatable {
        var officialID: UUID?
        var officialName: String?
    }

    struct Problem: Codable, Sendable, Equatable {
        var title: String
        var category: String
        var detail: String
        var attachments: [UUID]?
    }

    var basic: BasicInfo
    var operations: Operations
    var plan: Plan
    var helper: Helper?
    var problem: Problem

    /// The personal fields, sealed apart from the form, and what kind of value each is.
    static let personalFields: [String: PersonalField] = ["basic.principalPhone": .phone, "basic.contactPhone": .phone]

    func validated(now: Date) throws -> AppealForm {
        var form = self
        form.basic.region = try Validate.region(basic.region, "basic.region")
        form.basic.industry = try Validate.text(basic.industry, "basic.industry", max: 40)
        form.basic.employeeCount = try Validate.text(basic.employeeCount, "basic.employeeCount", max: 40)
        form.basic.ownership = try Validate.text(basic.ownership, "basic.ownership", max: 40)
        form.basic.principalName = try Validate.text(basic.principalName, "basic.principalName", max: 40)
        form.basic.principalTitle = try Validate.text(basic.principalTitle, "basic.principalTitle", max: 40)
        form.basic.principalPhone = try Validate.phone(basic.principalPhone, "basic.principalPhone", .mobileOrLandline)
        form.basic.contactName = try Validate.text(basic.contactName, "basic.contactName", max: 40)
        form.basic.contactTitle = try Validate.text(basic.contactTitle, "basic.contactTitle", max: 40)
        form.basic.contactPhone = try Validate.phone(basic.contactPhone, "basic.contactPhone", .mobileOrLandline)
        form.basic.overview = try Validate.text(basic.overview, "basic.overview", max: 2000)
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: now)
        guard (2000...thisYear).contains(operations.year) else {
            throw APIError.invalid("operations.year", "must be a past year between 2000 and \(thisYear)")
        }
        _ = try Validate.amount(operations.investment, "operations.investment")
        _ = try Validate.amount(operations.revenue, "operations.revenue")
        _ = try Validate.amount(operations.tax, "operations.tax")
        form.plan.text = try Validate.text(plan.text, "plan.text", max: 2000)
        if let helper {
            form.helper?.officialName = try Validate.optionalText(helper.officialName, "helper.officialName", max: 40)
        }
        form.problem.title = try Validate.text(problem.title, "problem.title", max: 100)
        form.problem.category = try Validate.text(problem.category, "problem.category", max: 64)
        form.problem.detail = try Validate.text(problem.detail, "problem.detail", max: 5000)
        guard (problem.attachments?.count ?? 0) <= 10 else { throw APIError.invalid("problem.attachments", "at most 10 attachments") }
        return form
    }

    /// The personal values, keyed by field.
    var personalValues: [String: String] {
        ["basic.principalPhone": basic.principalPhone, "basic.contactPhone": basic.contactPhone]
    }

    /// The form as stored: personal values removed.
    var withoutPersonalData: AppealForm {
        var form = self
        form.basic.principalPhone = ""
        form.basic.contactPhone = ""
        return form
    }

    func with(personal values: [String: String]) -> AppealForm {
        var form = self
        form.basic.principalPhone = values["basic.principalPhone"] ?? ""
        form.basic.contactPhone = values["basic.contactPhone"] ?? ""
        return form
    }
}
