import Foundation
import Hummingbird

/// An application as lists and the detail show it. `light` is the processing traffic light (红绿灯):
/// `green` in time, `yellow` on the limit's last working day, `red` past it; nil when not in processing.
struct ApplicationView: ResponseCodable, Sendable {
    enum Light: String, Codable, Sendable {
        case green, yellow, red
    }

    var id: UUID
    var itemID: UUID
    var itemTitle: String
    var project: String
    var unitID: UUID
    var unitName: String?
    var applicantKind: RedemptionItemInput.ApplicantKind
    var enterpriseID: UUID?
    var applicantID: UUID
    var status: ApplicationRecord.Status
    var round: Int
    var processingDays: Int
    var submittedAt: Date
    var acceptedAt: Date?
    var dueAt: Date?
    var light: Light?
    var returnReason: String?
    var concludedAt: Date?
    var grantedAmount: String?
    var conclusionNote: String?
    var updatedAt: Date
    /// The detail only.
    var materials: [ApplicationRecord.Material]?
    var history: [ApplicationStore.Stage]?
    var marks: [String]?

    init(_ record: ApplicationRecord, now: Date = Date()) {
        id = record.id
        itemID = record.itemID
        itemTitle = record.itemTitle
        project = record.project
        unitID = record.unitID
        unitName = record.unitName
        applicantKind = record.applicantKind
        enterpriseID = record.enterpriseID
        applicantID = record.applicantID
        status = record.status
        round = record.round
        processingDays = record.processingDays
        submittedAt = record.submittedAt
        acceptedAt = record.acceptedAt
        dueAt = record.dueAt
        if record.status == .processing, let due = record.dueAt {
            light = now > due ? .red : (record.dueSoonAt.map { now >= $0 } ?? false) ? .yellow : .green
        }
        returnReason = record.returnReason
        concludedAt = record.concludedAt
        grantedAmount = record.grantedAmount
        conclusionNote = record.conclusionNote
        updatedAt = record.updatedAt
    }
}
