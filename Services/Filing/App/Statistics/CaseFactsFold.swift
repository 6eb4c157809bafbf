import Contracts
import Foundation
import WorkCalendar

/// What one appeals-topic event says about its appeal or complaint, as the statistics keep it (no
/// personal data: no contacts, reply texts or handler names).
struct CaseEventRecord: Sendable, Equatable {
    var eventID: UUID
    var caseID: UUID
    /// The transition, from the event type: `submitted`, `dispatched`, `signed`, `replied`, `rated`, …
    var action: String
    /// The transition's own time.
    var occurredAt: Date
    var kind: CaseFacts.Kind
    var serialNumber: String
    var title: String
    var enterpriseName: String
    var region: String
    var category: String
    var status: String
    var unitID: UUID?
    var unitName: String?
    /// The enterprise's liaison official, when one is assigned (who reviews an appeal).
    var liaisonOfficialID: UUID?
    var step: String?
    var dueAt: Date?
    var submittedAt: Date
    var solved: Bool?
    var satisfied: Bool?

    /// The body every appeals-topic case event shares, plus a rating's answers.
    struct Body: Decodable, Equatable {
        var item: CaseFacts
        var transition: TransitionFacts
        var solved: Bool?
        var satisfied: Bool?

        /// Read without Codable where `EventBodyReader` can (the ingest's largest cost), else decoded.
        static func of(_ data: Data) throws -> Body {
            try read(data) ?? EventJSON.decode(Body.self, from: data)
        }

        static func read(_ data: Data) -> Body? {
            EventBodyReader.read(data) { reader in
                var item: CaseFacts?, transition: TransitionFacts?, solved: Bool?, satisfied: Bool?
                try reader.object { key, reader in
                    switch key {
                    case "item": item = try CaseFacts(reading: &reader)
                    case "transition": transition = try TransitionFacts(reading: &reader)
                    case "solved": solved = try reader.optionalBool()
                    case "satisfied": satisfied = try reader.optionalBool()
                    default: try reader.skip()
                    }
                }
                guard let item, let transition else { throw EventBodyReader.Decline() }
                return Body(item: item, transition: transition, solved: solved, satisfied: satisfied)
            }
        }
    }

    init(envelope: EventEnvelope) throws {
        let body = try Body.of(envelope.data)
        self.init(
            eventID: envelope.id, caseID: body.item.id, action: Self.actions[envelope.type] ?? Self.action(of: envelope.type),
            occurredAt: body.transition.at, kind: body.item.kind, serialNumber: body.item.serialNumber, title: body.item.title,
            enterpriseName: body.item.enterpriseName, region: body.item.region, category: body.item.category,
            status: body.item.status, unitID: body.item.unitID, unitName: body.item.unitName,
            liaisonOfficialID: body.item.liaisonOfficialID, step: body.item.step, dueAt: body.item.dueAt,
            submittedAt: body.item.submittedAt, solved: body.solved, satisfied: body.satisfied)
    }

    /// The transition an event type names: `submitted` of `qinqing.appeals.appeal.submitted.v1`.
    static func action(of type: String) -> String {
        let parts = type.split(separator: ".")
        return parts.count >= 5 ? String(parts[3]) : type
    }

    /// `action(of:)` of every appeals-topic case event, worked out once (splitting each record's type
    /// was a fifth of reading its body).
    private static let actions = Dictionary(
        uniqueKeysWithValues: (AppealsEvents.appeal + AppealsEvents.complaint).map { ($0.eventType, action(of: $0.eventType)) })

    init(
        eventID: UUID, caseID: UUID, action: String, occurredAt: Date, kind: CaseFacts.Kind, serialNumber: String, title: String,
        enterpriseName: String, region: String, category: String, status: String, unitID: UUID?, unitName: String?,
        liaisonOfficialID: UUID?, step: String?, dueAt: Date?, submittedAt: Date, solved: Bool?, satisfied: Bool?
    ) {
        self.eventID = eventID
        self.caseID = caseID
        self.action = action
        self.occurredAt = occurredAt
        self.kind = kind
        self.serialNumber = serialNumber
        self.title = title
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
        self.solved = solved
        self.satisfied = satisfied
    }
}

/// One appeal's or complaint's facts for the figures, folded from all its events in the order they
/// happened, whatever order they arrived in (so a late event lands where it belongs and an older one
/// never regresses the case).
///
/// - the liaison official is the latest one the events named;
/// - reviewed (an appeal's liaison review, the latest one); late when it came after the review step's
///   due time or the review step went overdue (a resubmission starts the step afresh);
/// - signed late: signed after the sign step's due time, or the sign step went overdue (a new
///   dispatch starts the step afresh);
/// - concluded (办结) = the last reply; late when it came after the reply step's due time or the step
///   went overdue (a reopening starts the step afresh);
/// - days to reply: calendar days from submission to the first reply, one decimal; working days to reply:
///   the working days strictly after the submission's Beijing day up to and including the first reply's
///   (`WorkCalendar.workingDays(after:through:)`, as the appeals service counts a step's working-day limit:
///   a reply within N working days has N or fewer), on the official calendar the statistics keep from
///   `CalendarYearPublished`; nil without a calendar or when a year it needs is not loaded;
/// - the rating is the latest one; `reopened` once any reopening happened;
/// - the first responder (首接) is the unit of the first dispatch; each later dispatch to another unit is
///   a reassignment;
/// - withdrawn: when the enterprise withdrew it; marked major (重大事项): the first time it was.
struct CaseStatistics: Sendable, Equatable {
    var caseID: UUID
    var kind: CaseFacts.Kind
    var serialNumber: String
    var title: String
    var enterpriseName: String
    var region: String
    var category: String
    var status: String
    var unitID: UUID?
    var unitName: String?
    var liaisonOfficialID: UUID?
    var currentStep: String?
    var currentDueAt: Date?
    var submittedAt: Date
    var reviewedAt: Date?
    var reviewedLate: Bool?
    var signedAt: Date?
    var signedLate: Bool?
    var firstRepliedAt: Date?
    var daysToReply: Decimal?
    var workingDaysToReply: Int?
    var concludedAt: Date?
    var concludedLate: Bool?
    var ratedAt: Date?
    var solved: Bool?
    var satisfied: Bool?
    var reopened = false
    var escalations = 0
    var firstUnitID: UUID?
    var firstUnitName: String?
    var firstDispatchedAt: Date?
    var reassignments = 0
    var withdrawnAt: Date?
    var markedMajorAt: Date?
    var lastEventAt: Date

    /// Where the fold stands after the last event folded in: what the next events need of the earlier
    /// ones. Kept on the case's row, so a later event carries the row on instead of the case's events
    /// being read and folded again.
    var lastEventID: UUID?
    var reviewDueAt: Date?
    var signDueAt: Date?
    var replyDueAt: Date?
    var reviewOverdue = false
    var signOverdue = false
    var replyOverdue = false
    /// The unit of the latest dispatch (a dispatch elsewhere is a reassignment).
    var dispatchedTo: UUID?

    /// All of a case's events folded, in the order they happened.
    static func fold(_ events: [CaseEventRecord], calendar: WorkCalendar?) -> CaseStatistics? {
        let ordered = inOrder(events)
        guard let first = ordered.first else { return nil }
        var facts = CaseStatistics(
            caseID: first.caseID, kind: first.kind, serialNumber: first.serialNumber, title: first.title,
            enterpriseName: first.enterpriseName, region: first.region, category: first.category, status: first.status,
            submittedAt: first.submittedAt, lastEventAt: first.occurredAt)
        for event in ordered { facts.fold(event, calendar: calendar) }
        return facts
    }

    /// These facts carried on by a case's next events; nil unless every one of them happened after the
    /// last event folded in (and the facts hold the fold's state): then only folding all the case's
    /// events again is right.
    func continued(with events: [CaseEventRecord], calendar: WorkCalendar?) -> CaseStatistics? {
        let ordered = Self.inOrder(events)
        guard let lastEventID, let first = ordered.first, Self.precedes((lastEventAt, lastEventID), (first.occurredAt, first.eventID))
        else { return nil }
        var facts = self
        for event in ordered { facts.fold(event, calendar: calendar) }
        return facts
    }

    /// Events in the order they happened; the event id settles a tie.
    private static func inOrder(_ events: [CaseEventRecord]) -> [CaseEventRecord] {
        events.sorted { ($0.occurredAt, $0.eventID) < ($1.occurredAt, $1.eventID) }
    }

    /// The order on times as PostgreSQL keeps them (microseconds), so a time read back from a row
    /// compares with one from an event as the two compare when both are read back.
    private static func precedes(_ a: (Date, UUID), _ b: (Date, UUID)) -> Bool {
        let (x, y) = (microseconds(a.0), microseconds(b.0))
        return x != y ? x < y : a.1 < b.1
    }

    private static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// One more event, later than every one folded in so far.
    private mutating func fold(_ event: CaseEventRecord, calendar: WorkCalendar?) {
        // The item's facts are the latest event's; the unit and the liaison the latest that named one.
        (kind, serialNumber, title, enterpriseName) = (event.kind, event.serialNumber, event.title, event.enterpriseName)
        (region, category, status, submittedAt) = (event.region, event.category, event.status, event.submittedAt)
        (currentStep, currentDueAt, lastEventAt, lastEventID) = (event.step, event.dueAt, event.occurredAt, event.eventID)
        if event.unitID != nil { (unitID, unitName) = (event.unitID, event.unitName) }
        if let liaison = event.liaisonOfficialID { liaisonOfficialID = liaison }
        switch event.action {
        case "resubmitted":
            reviewOverdue = false
        case "reviewed":
            reviewedAt = event.occurredAt
            reviewedLate = reviewOverdue || reviewDueAt.map { event.occurredAt > $0 } ?? false
        case "dispatched":
            signOverdue = false
            if firstDispatchedAt == nil {
                firstDispatchedAt = event.occurredAt
                (firstUnitID, firstUnitName) = (event.unitID, event.unitName)
            } else if event.unitID != dispatchedTo {
                reassignments += 1
            }
            dispatchedTo = event.unitID
        case "signed":
            signedAt = event.occurredAt
            signedLate = signOverdue || signDueAt.map { event.occurredAt > $0 } ?? false
        case "replied":
            if firstRepliedAt == nil {
                firstRepliedAt = event.occurredAt
                daysToReply = Self.days(from: event.submittedAt, to: event.occurredAt)
                workingDaysToReply = try? calendar?.workingDays(after: event.submittedAt, through: event.occurredAt)
            }
            concludedAt = event.occurredAt
            concludedLate = replyOverdue || replyDueAt.map { event.occurredAt > $0 } ?? false
        case "rated":
            ratedAt = event.occurredAt
            solved = event.solved
            satisfied = event.satisfied
        case "reopened":
            reopened = true
            replyOverdue = false
        case "overdue":
            if event.step == "review" { reviewOverdue = true }
            if event.step == "sign" { signOverdue = true }
            if event.step == "reply" { replyOverdue = true }
        case "escalated":
            escalations += 1
        case "withdrawn":
            withdrawnAt = event.occurredAt
        case "marked-major":
            if markedMajorAt == nil { markedMajorAt = event.occurredAt }
        default:
            break
        }
        // The due time of the step the item is now in, for the transition that ends that step.
        if let due = event.dueAt {
            if event.step == "review" { reviewDueAt = due }
            if event.step == "sign" { signDueAt = due }
            if event.step == "reply" { replyDueAt = due }
        }
    }

    /// Calendar days between two instants, rounded half up to one decimal.
    static func days(from start: Date, to end: Date) -> Decimal {
        let seconds = Decimal(Int64(max(0, end.timeIntervalSince(start)).rounded()))
        var days = seconds / 86400
        var rounded = Decimal()
        NSDecimalRound(&rounded, &days, 1, .plain)
        return rounded
    }
}

/// Beijing months (yyyy-MM), the key of every monthly figure.
enum BeijingMonth {
    static func of(_ date: Date) -> String {
        let day = CalendarDay(containing: date, in: WorkCalendar.chinaTimeZone)
        // Not String(format:): the fold names several months per case, and formatting went through NSString.
        let year = String(day.year), month = day.month < 10 ? "0\(day.month)" : String(day.month)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + month
    }
}
