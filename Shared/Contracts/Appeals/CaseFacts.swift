import Foundation

/// What every appeals-topic event says about the item (appeal or complaint) after the transition,
/// so a consumer never has to call back. Never carries contacts, phones, emails or ID numbers.
public struct CaseFacts: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case appeal
        case complaint
    }

    public var id: UUID
    public var kind: Kind
    /// `SQ` + yyyyMM + sequence for appeals, `TS` + yyyyMM + sequence for complaints.
    public var serialNumber: String
    public var title: String
    public var enterpriseID: UUID
    public var enterpriseName: String
    /// GB/T 2260 code (or a local zone code) of the enterprise.
    public var region: String
    /// Category code (reference data of the appeals service).
    public var category: String
    /// Status after the transition (`submitted`, `reviewing`, `dispatching`, `signing`, `inProgress`,
    /// `awaitingMaterial`, `replied`, `returnedToEnterprise`, `awaitingClosure`, `closed`, `withdrawn`).
    /// Consumers must tolerate statuses added later; `awaitingClosure` came with 13710's closure approval.
    public var status: String
    /// The lead handling unit, once dispatched.
    public var unitID: UUID?
    public var unitName: String?
    /// The enterprise's liaison official, when one is assigned.
    public var liaisonOfficialID: UUID?
    /// The deadline step the item is in (`review`, `dispatch`, `sign`, `reply`, `rate`, or a 13710
    /// checkpoint), nil when closed.
    public var step: String?
    /// When the current step is due; nil when closed, paused, or the step has no limit.
    public var dueAt: Date?
    public var submittedAt: Date
    /// Set once the item is closed.
    public var closedAt: Date?

    public init(
        id: UUID, kind: Kind, serialNumber: String, title: String, enterpriseID: UUID, enterpriseName: String,
        region: String, category: String, status: String, unitID: UUID?, unitName: String?,
        liaisonOfficialID: UUID?, step: String?, dueAt: Date?, submittedAt: Date, closedAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.serialNumber = serialNumber
        self.title = title
        self.enterpriseID = enterpriseID
        self.enterpriseName = enterpriseName
        self.region = region
        self.category = category
        self.status = status
        self.unitID = unitID
        self.unitName = unitName
        self.liaisonOfficialID = liaisonOfficialID
        self.step = step
        self.dueAt = dueAt
        self.submittedAt = submittedAt
        self.closedAt = closedAt
    }
}

/// Who moved the item, from which status to which, when, with what note.
public struct TransitionFacts: Codable, Sendable, Equatable {
    /// Nil when the scheduler acted.
    public var actorID: UUID?
    /// `enterprise`, `liaison`, `dispatcher`, `unitAdmin`, `inspector`, or `system`.
    public var actorRole: String
    /// The acting official's unit, when an official acted.
    public var actorUnitID: UUID?
    public var fromStatus: String?
    public var toStatus: String
    public var note: String?
    public var at: Date

    public init(actorID: UUID?, actorRole: String, actorUnitID: UUID?, fromStatus: String?, toStatus: String, note: String?, at: Date) {
        self.actorID = actorID
        self.actorRole = actorRole
        self.actorUnitID = actorUnitID
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.at = at
    }
}
