import Foundation
import Hummingbird

/// A redemption item as lists and the detail show it, with where its window stands today (Beijing
/// date): `notOpen` (with `daysUntilOpen`), `open` (with `daysLeft`, 剩余 N 天: the days still open,
/// today included, so 1 on the closing day) or `closed`.
struct RedemptionItemView: ResponseCodable, Sendable {
    enum WindowState: String, Codable, Sendable {
        case notOpen, open, closed
    }

    var id: UUID
    var policyID: UUID
    var policyTitle: String
    var project: String
    var title: String
    var region: String
    var policyTypes: [String]
    var supportKind: String
    /// The figure in yuan (a decimal string) or the text, as shown.
    var amount: String
    /// The figure in yuan when the amount is one.
    var amountFigure: String?
    var processingDays: Int
    var applicantKind: RedemptionItemInput.ApplicantKind
    var onSiteVisits: Int
    var phone: String
    var windowFrom: String
    var windowTo: String
    var windowState: WindowState
    var daysLeft: Int?
    var daysUntilOpen: Int?
    /// The detail only.
    var description: String?
    var guide: String?
    var materials: [RedemptionItemInput.Material]?
    var unitID: UUID
    var unitName: String?
    var status: ReviewRule.Status
    /// Staff only.
    var returnReason: String?
    var draftedBy: UUID?
    var publishedAt: Date?
    var updatedAt: Date
    var history: [ReviewHistoryStore.Entry]?

    init(_ record: RedemptionItemStore.Record, staff: Bool, detail: Bool, today: String = BeijingDate.text(Date())) {
        id = record.id
        policyID = record.policyID
        policyTitle = record.policyTitle
        project = record.project
        title = record.title
        region = record.region
        policyTypes = record.policyTypes
        supportKind = record.supportKind
        amount = record.amount
        amountFigure = record.amountFigure
        processingDays = record.processingDays
        applicantKind = record.applicantKind
        onSiteVisits = record.onSiteVisits
        phone = record.phone
        windowFrom = record.windowFrom
        windowTo = record.windowTo
        if today < record.windowFrom {
            windowState = .notOpen
            daysUntilOpen = BeijingDate.days(from: today, to: record.windowFrom)
        } else if today > record.windowTo {
            windowState = .closed
        } else {
            windowState = .open
            daysLeft = BeijingDate.days(from: today, to: record.windowTo) + 1
        }
        description = detail ? record.description : nil
        guide = detail ? record.guide : nil
        materials = detail ? record.materials : nil
        unitID = record.unitID
        unitName = record.unitName
        status = record.status
        returnReason = staff ? record.returnReason : nil
        draftedBy = staff ? record.draftedBy : nil
        publishedAt = record.publishedAt
        updatedAt = record.updatedAt
    }
}
