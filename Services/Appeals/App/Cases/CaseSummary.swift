import Foundation
import Hummingbird

/// Green until due-soon, yellow until due, red after; paused and untimed items are green.
enum TrafficLight: String, Codable, Sendable {
    case green, yellow, red

    static func of(dueSoonAt: Date?, dueAt: Date?, pausedAt: Date?, open: Bool, now: Date) -> TrafficLight? {
        guard open else { return nil }
        guard pausedAt == nil, let dueAt else { return .green }
        if now >= dueAt { return .red }
        if let dueSoonAt, now >= dueSoonAt { return .yellow }
        return .green
    }
}

/// Who holds an open item now.
struct Holder: Codable, Sendable, Equatable {
    /// `enterprise`, `liaison`, `dispatcher` or `unit`.
    var kind: String
    var id: UUID?
    var name: String?

    static func of(_ record: CaseRecord, liaisonName: String?) -> Holder? {
        switch record.status {
        case .reviewing: Holder(kind: "liaison", id: record.liaisonOfficialID, name: liaisonName)
        case .dispatching, .awaitingClosure: Holder(kind: "dispatcher", id: nil, name: nil)
        case .signing, .inProgress: Holder(kind: "unit", id: record.leadUnitID, name: record.leadUnitName)
        case .awaitingMaterial, .replied, .returnedToEnterprise:
            Holder(kind: "enterprise", id: record.enterpriseID, name: record.enterpriseName)
        case .closed, .withdrawn: nil
        }
    }
}

/// One line of a queue.
struct CaseSummary: ResponseCodable {
    var id: UUID
    var kind: String
    var serialNumber: String
    var title: String
    var enterpriseName: String
    var region: String
    var category: String
    var status: CaseStatus
    var step: String?
    var dueAt: Date?
    var trafficLight: TrafficLight?
    var holder: Holder?
    var leadUnitID: UUID?
    var leadUnitName: String?
    /// A major or complex matter (13710): its handling runs on the scheme's longer limit or its plan.
    var major: Bool
    var submittedAt: Date
    var updatedAt: Date

    init(_ record: CaseRecord, liaisonName: String?, now: Date) {
        id = record.id
        kind = record.kind.rawValue
        serialNumber = record.serialNumber
        title = record.title
        enterpriseName = record.enterpriseName
        region = record.region
        category = record.category
        status = record.status
        step = record.step
        dueAt = record.pausedAt == nil ? record.dueAt : nil
        trafficLight = TrafficLight.of(
            dueSoonAt: record.dueSoonAt, dueAt: record.dueAt, pausedAt: record.pausedAt, open: record.status.isOpen, now: now)
        holder = Holder.of(record, liaisonName: liaisonName)
        leadUnitID = record.leadUnitID
        leadUnitName = record.leadUnitName
        major = record.major
        submittedAt = record.submittedAt
        updatedAt = record.updatedAt
    }
}
