import Contracts
import Foundation
import Postgres
import WorkCalendar

/// The statistics read models' writes: the case events as applied, the per-case facts folded from
/// them, the published policies; and the rebuild.
enum StatisticsStore {
    /// Keeps a batch of case events and folds each case they bring a new event to once; a redelivered
    /// event (same id) changes nothing. Answers how many events were new.
    ///
    /// A case submitted within the batch usually has no earlier events: its row is inserted from the
    /// batch's events alone, without reading any (a case whose events were all kept here has a row,
    /// since every transaction that keeps a case's events writes its row). Where such a row is already
    /// there (events that came out of order), and for every other case, the case's kept events are
    /// read and folded — the others' before the batch's are kept, so the read finds only earlier ones.
    @discardableResult
    static func apply(_ events: [CaseEventRecord], on connection: PostgresConnection) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        let calendar = try await StatisticsCalendarStore.load(on: connection)
        let submittedHere = Set(events.filter { $0.action == "submitted" }.map(\.caseID))
        let earlier = try await keptEvents(of: Array(Set(events.map(\.caseID)).subtracting(submittedHere)), on: connection)
        let inserted = try await connection.query(
            """
            INSERT INTO stat_case_events (event_id, case_id, action, occurred_at, kind, serial_number, title, enterprise_name,
                region, category, status, unit_id, unit_name, liaison_official_id, step, due_at, submitted_at, solved, satisfied)
            SELECT * FROM unnest(\(events.map(\.eventID)), \(events.map(\.caseID)), \(events.map(\.action)),
                \(events.map(\.occurredAt)), \(events.map(\.kind.rawValue)), \(events.map(\.serialNumber)), \(events.map(\.title)),
                \(events.map(\.enterpriseName)), \(events.map(\.region)), \(events.map(\.category)), \(events.map(\.status)),
                \(events.map(\.unitID)), \(events.map(\.unitName)), \(events.map(\.liaisonOfficialID)), \(events.map(\.step)),
                \(events.map(\.dueAt)), \(events.map(\.submittedAt)), \(events.map(\.solved)), \(events.map(\.satisfied)))
            ON CONFLICT (case_id, event_id) DO NOTHING
            RETURNING event_id
            """)
        var insertedIDs = Set(try inserted.map { try $0.decode("event_id", as: UUID.self) })
        let fresh = Dictionary(grouping: events.filter { insertedIDs.remove($0.eventID) != nil }, by: \.caseID)
        guard !fresh.isEmpty else { return 0 }

        let likelyNew = fresh.filter { submittedHere.contains($0.key) }
        let added = try await insertNew(likelyNew.values.compactMap { CaseStatistics.fold($0, calendar: calendar) }, on: connection)
        // Read after the batch's were kept, so these reads hold them too.
        let keptAlready = try await keptEvents(of: likelyNew.keys.filter { !added.contains($0) }, on: connection)
        let earlierByCase = Dictionary(grouping: earlier, by: \.caseID)
        let others = fresh.filter { !submittedHere.contains($0.key) }.map { (earlierByCase[$0.key] ?? []) + $0.value }
        let refolded = (others + Dictionary(grouping: keptAlready, by: \.caseID).values).compactMap { CaseStatistics.fold($0, calendar: calendar) }
        try await upsert(refolded, on: connection)
        return fresh.values.reduce(0) { $0 + $1.count }
    }

    /// Folds the cases' kept events into their rows, on the kept calendar (read once).
    static func refold(_ caseIDs: [UUID], on connection: PostgresConnection) async throws {
        guard !caseIDs.isEmpty else { return }
        try await refold(caseIDs, calendar: try await StatisticsCalendarStore.load(on: connection), on: connection)
    }

    /// Folds the cases' kept events into their rows on `calendar`, 1,000 cases a statement.
    static func refold(_ caseIDs: [UUID], calendar: WorkCalendar, on connection: PostgresConnection) async throws {
        for start in stride(from: 0, to: caseIDs.count, by: 1_000) {
            let slice = Array(caseIDs[start..<min(start + 1_000, caseIDs.count)])
            let kept = try await keptEvents(of: slice, on: connection)
            try await upsert(
                Dictionary(grouping: kept, by: \.caseID).values.compactMap { CaseStatistics.fold($0, calendar: calendar) },
                on: connection)
        }
    }

    /// The cases' kept events: one index look-up per case (a lateral subquery kept apart by `OFFSET 0`),
    /// whatever the planner knows of the table. While a replay fills empty read models it has no
    /// statistics yet, and `case_id = ANY(…)` (or a join it flattened into) scanned every kept event.
    private static func keptEvents(of caseIDs: [UUID], on connection: PostgresConnection) async throws -> [CaseEventRecord] {
        guard !caseIDs.isEmpty else { return [] }
        return try await connection.query(
            """
            SELECT e.event_id, e.case_id, e.action, e.occurred_at, e.kind, e.serial_number, e.title, e.enterprise_name, e.region,
                e.category, e.status, e.unit_id, e.unit_name, e.liaison_official_id, e.step, e.due_at, e.submitted_at, e.solved,
                e.satisfied
            FROM unnest(\(caseIDs)) AS c (case_id)
            CROSS JOIN LATERAL (SELECT * FROM stat_case_events WHERE case_id = c.case_id OFFSET 0) e
            """
        ).map(CaseEventRecord.init(row:))
    }

    static func upsert(_ cases: [CaseStatistics], on connection: PostgresConnection) async throws {
        guard !cases.isEmpty else { return }
        var query = rows(cases)
        query.append(
            """

            ON CONFLICT (case_id) DO UPDATE SET kind = EXCLUDED.kind, serial_number = EXCLUDED.serial_number, title = EXCLUDED.title,
                enterprise_name = EXCLUDED.enterprise_name, region = EXCLUDED.region, category = EXCLUDED.category,
                status = EXCLUDED.status, unit_id = EXCLUDED.unit_id, unit_name = EXCLUDED.unit_name,
                liaison_official_id = EXCLUDED.liaison_official_id, current_step = EXCLUDED.current_step,
                current_due_at = EXCLUDED.current_due_at, submitted_at = EXCLUDED.submitted_at, received_month = EXCLUDED.received_month,
                reviewed_at = EXCLUDED.reviewed_at, reviewed_month = EXCLUDED.reviewed_month, reviewed_late = EXCLUDED.reviewed_late,
                signed_at = EXCLUDED.signed_at, signed_month = EXCLUDED.signed_month,
                signed_late = EXCLUDED.signed_late, first_replied_at = EXCLUDED.first_replied_at,
                first_replied_month = EXCLUDED.first_replied_month, days_to_reply = EXCLUDED.days_to_reply,
                working_days_to_reply = EXCLUDED.working_days_to_reply,
                concluded_at = EXCLUDED.concluded_at, concluded_month = EXCLUDED.concluded_month,
                concluded_late = EXCLUDED.concluded_late, rated_at = EXCLUDED.rated_at, rated_month = EXCLUDED.rated_month,
                solved = EXCLUDED.solved, satisfied = EXCLUDED.satisfied, reopened = EXCLUDED.reopened,
                escalations = EXCLUDED.escalations, first_unit_id = EXCLUDED.first_unit_id, first_unit_name = EXCLUDED.first_unit_name,
                first_dispatched_at = EXCLUDED.first_dispatched_at, first_dispatched_month = EXCLUDED.first_dispatched_month,
                reassignments = EXCLUDED.reassignments, withdrawn_month = EXCLUDED.withdrawn_month, major_month = EXCLUDED.major_month,
                last_event_at = EXCLUDED.last_event_at
            """)
        try await connection.execute(query)
    }

    /// Inserts the rows of cases that have none; answers the cases inserted (a case with a row is left as it is).
    static func insertNew(_ cases: [CaseStatistics], on connection: PostgresConnection) async throws -> Set<UUID> {
        guard !cases.isEmpty else { return [] }
        var query = rows(cases)
        query.append(" ON CONFLICT (case_id) DO NOTHING RETURNING case_id")
        return Set(try await connection.query(query).map { try $0.decode("case_id", as: UUID.self) })
    }

    /// `INSERT INTO stat_cases … SELECT * FROM unnest(…)` of the cases' folded facts.
    private static func rows(_ cases: [CaseStatistics]) -> PostgresQuery {
        let firstUnits = cases.map(\.firstUnitID), firstUnitNames = cases.map(\.firstUnitName)
        let firstDispatched = cases.map(\.firstDispatchedAt)
        let firstDispatchedMonths = cases.map { $0.firstDispatchedAt.map(BeijingMonth.of) }
        let reassignments = cases.map(\.reassignments)
        let withdrawnMonths = cases.map { $0.withdrawnAt.map(BeijingMonth.of) }
        let majorMonths = cases.map { $0.markedMajorAt.map(BeijingMonth.of) }
        return """
            INSERT INTO stat_cases (case_id, kind, serial_number, title, enterprise_name, region, category, status, unit_id, unit_name,
                liaison_official_id, current_step, current_due_at, submitted_at, received_month, reviewed_at, reviewed_month,
                reviewed_late, signed_at, signed_month, signed_late, first_replied_at, first_replied_month, days_to_reply,
                working_days_to_reply, concluded_at, concluded_month, concluded_late, rated_at, rated_month, solved, satisfied, reopened,
                escalations, first_unit_id, first_unit_name, first_dispatched_at, first_dispatched_month, reassignments, withdrawn_month,
                major_month, last_event_at)
            SELECT * FROM unnest(\(cases.map(\.caseID)), \(cases.map(\.kind.rawValue)), \(cases.map(\.serialNumber)),
                \(cases.map(\.title)), \(cases.map(\.enterpriseName)), \(cases.map(\.region)), \(cases.map(\.category)),
                \(cases.map(\.status)), \(cases.map(\.unitID)), \(cases.map(\.unitName)), \(cases.map(\.liaisonOfficialID)),
                \(cases.map(\.currentStep)), \(cases.map(\.currentDueAt)), \(cases.map(\.submittedAt)),
                \(cases.map { BeijingMonth.of($0.submittedAt) }), \(cases.map(\.reviewedAt)),
                \(cases.map { $0.reviewedAt.map(BeijingMonth.of) }), \(cases.map(\.reviewedLate)), \(cases.map(\.signedAt)),
                \(cases.map { $0.signedAt.map(BeijingMonth.of) }), \(cases.map(\.signedLate)), \(cases.map(\.firstRepliedAt)),
                \(cases.map { $0.firstRepliedAt.map(BeijingMonth.of) }), \(cases.map { $0.daysToReply.map { "\($0)" } })::numeric[],
                \(cases.map(\.workingDaysToReply)), \(cases.map(\.concludedAt)),
                \(cases.map { $0.concludedAt.map(BeijingMonth.of) }), \(cases.map(\.concludedLate)), \(cases.map(\.ratedAt)),
                \(cases.map { $0.ratedAt.map(BeijingMonth.of) }), \(cases.map(\.solved)), \(cases.map(\.satisfied)),
                \(cases.map(\.reopened)), \(cases.map(\.escalations)), \(firstUnits), \(firstUnitNames), \(firstDispatched),
                \(firstDispatchedMonths), \(reassignments), \(withdrawnMonths), \(majorMonths), \(cases.map(\.lastEventAt)))
            """
    }

    /// A policy's first publication; `published-late` says the same lateness and may arrive first.
    static func published(_ event: PolicyPublished, on connection: PostgresConnection) async throws {
        let policy = event.policy
        try await connection.execute(
            """
            INSERT INTO stat_policies (policy_id, agency_id, agency_name, region, title, published_at, published_month, hours_to_publish, late)
            VALUES (\(policy.policyID), \(policy.agencyID), \(policy.agencyName), \(policy.region), \(policy.title), \(policy.publishedAt),
                \(BeijingMonth.of(policy.publishedAt)), \(event.hoursToPublish)::numeric, \(event.late))
            ON CONFLICT (policy_id) DO UPDATE SET agency_name = EXCLUDED.agency_name, title = EXCLUDED.title,
                hours_to_publish = EXCLUDED.hours_to_publish, late = stat_policies.late OR EXCLUDED.late
            """)
    }

    static func publishedLate(_ event: PolicyPublishedLate, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO stat_policies (policy_id, agency_id, region, published_at, published_month, hours_to_publish, late)
            VALUES (\(event.policyID), \(event.agencyID), \(event.region), \(event.publishedAt), \(BeijingMonth.of(event.publishedAt)),
                \(event.hoursToPublish)::numeric, true)
            ON CONFLICT (policy_id) DO UPDATE SET late = true
            """)
    }

    /// Drops the per-case facts and folds every kept case event again; answers how many cases.
    static func rebuild(on connection: PostgresConnection) async throws -> Int {
        // The consumer may be applying events meanwhile: it waits for the rebuild here (its upsert
        // needs the table), instead of the two deadlocking on a case both write.
        try await connection.execute("LOCK TABLE stat_cases IN EXCLUSIVE MODE")
        try await connection.execute("DELETE FROM stat_cases")
        let cases = try await connection.query("SELECT DISTINCT case_id FROM stat_case_events ORDER BY case_id").map {
            try $0.decode("case_id", as: UUID.self)
        }
        try await refold(cases, calendar: try await StatisticsCalendarStore.load(on: connection), on: connection)
        return cases.count
    }
}

extension CaseEventRecord {
    init(row: PostgresRow) throws {
        let kind: String = try row.decode("kind")
        self.init(
            eventID: try row.decode("event_id"), caseID: try row.decode("case_id"), action: try row.decode("action"),
            occurredAt: try row.decode("occurred_at"), kind: CaseFacts.Kind(rawValue: kind) ?? .appeal,
            serialNumber: try row.decode("serial_number"), title: try row.decode("title"), enterpriseName: try row.decode("enterprise_name"),
            region: try row.decode("region"), category: try row.decode("category"), status: try row.decode("status"),
            unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"),
            liaisonOfficialID: try row.decode("liaison_official_id"), step: try row.decode("step"),
            dueAt: try row.decode("due_at"), submittedAt: try row.decode("submitted_at"), solved: try row.decode("solved"),
            satisfied: try row.decode("satisfied"))
    }
}
