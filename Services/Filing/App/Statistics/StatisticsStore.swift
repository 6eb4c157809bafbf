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
    /// Nothing of a case is read when it can be helped:
    /// - a case submitted within the batch usually has no earlier events: its row is inserted from the
    ///   batch's events alone (a case whose events were all kept here has a row, since every transaction
    ///   that keeps a case's events writes its row);
    /// - a case with a row is carried on from it when its new events all happened after the last one
    ///   folded into it (`CaseStatistics.continued`).
    /// Otherwise (events that came out of order, or a row folded before it kept the fold's state) the
    /// case's kept events are read and folded again.
    @discardableResult
    static func apply(_ events: [CaseEventRecord], on connection: PostgresConnection) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        let calendar = try await StatisticsCalendarStore.load(on: connection)
        let submittedHere = Set(events.filter { $0.action == "submitted" }.map(\.caseID))
        // A rebuild holds the table while it folds every case again: wait for it before reading rows it replaces.
        try await connection.execute("LOCK TABLE stat_cases IN ROW EXCLUSIVE MODE")
        let known = try await facts(of: Array(Set(events.map(\.caseID)).subtracting(submittedHere)), on: connection)
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
        var carriedOn: [CaseStatistics] = [], foldAgain = likelyNew.keys.filter { !added.contains($0) }
        for (caseID, caseEvents) in fresh where !submittedHere.contains(caseID) {
            if let facts = known[caseID]?.continued(with: caseEvents, calendar: calendar) {
                carriedOn.append(facts)
            } else {
                foldAgain.append(caseID)
            }
        }
        // Read after the batch's events were kept, so the fold holds them too.
        let kept = try await keptEvents(of: foldAgain, on: connection)
        let refolded = Dictionary(grouping: kept, by: \.caseID).values.compactMap { CaseStatistics.fold($0, calendar: calendar) }
        try await upsert(carriedOn + refolded, on: connection)
        return fresh.values.reduce(0) { $0 + $1.count }
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

    /// The cases' kept events.
    private static func keptEvents(of caseIDs: [UUID], on connection: PostgresConnection) async throws -> [CaseEventRecord] {
        try await rows(of: caseIDs, in: "stat_case_events", on: connection, CaseEventRecord.init(row:))
    }

    /// The cases' rows as folded facts, by case.
    static func facts(of caseIDs: [UUID], on connection: PostgresConnection) async throws -> [UUID: CaseStatistics] {
        let facts = try await rows(of: caseIDs, in: "stat_cases", on: connection, CaseStatistics.init(row:))
        return Dictionary(uniqueKeysWithValues: facts.map { ($0.caseID, $0) })
    }

    /// The cases' rows of `table` (keyed by case first): one index look-up per case (a lateral subquery
    /// kept apart by `OFFSET 0`), whatever the planner knows of the table. While a replay fills empty
    /// read models it has no statistics yet, and `case_id = ANY(…)` (or a join it flattened into)
    /// scanned the whole table.
    private static func rows<Row>(
        of caseIDs: [UUID], in table: String, on connection: PostgresConnection, _ read: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        guard !caseIDs.isEmpty else { return [] }
        return try await connection.query(
            """
            SELECT t.* FROM unnest(\(caseIDs)) AS c (case_id)
            CROSS JOIN LATERAL (SELECT * FROM \(unescaped: table) WHERE case_id = c.case_id OFFSET 0) t
            """
        ).map(read)
    }

    static func upsert(_ cases: [CaseStatistics], on connection: PostgresConnection) async throws {
        guard !cases.isEmpty else { return }
        var (query, columns) = rows(cases)
        query.appendUnescaped(
            " ON CONFLICT (case_id) DO UPDATE SET " + columns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
        try await connection.execute(query)
    }

    /// Inserts the rows of cases that have none; answers the cases inserted (a case with a row is left as it is).
    static func insertNew(_ cases: [CaseStatistics], on connection: PostgresConnection) async throws -> Set<UUID> {
        guard !cases.isEmpty else { return [] }
        var (query, _) = rows(cases)
        query.appendUnescaped(" ON CONFLICT (case_id) DO NOTHING RETURNING case_id")
        return Set(try await connection.query(query).map { try $0.decode("case_id", as: UUID.self) })
    }

    /// `INSERT INTO stat_cases (…) SELECT * FROM unnest(…)` of the cases' folded facts, and its columns
    /// (`case_id` first).
    private static func rows(_ cases: [CaseStatistics]) -> (query: PostgresQuery, columns: [String]) {
        func month(_ date: KeyPath<CaseStatistics, Date?>) -> [String?] { cases.map { $0[keyPath: date].map(BeijingMonth.of) } }
        let columns: [(name: String, values: PostgresQuery)] = [
            ("case_id", "\(cases.map(\.caseID))"), ("kind", "\(cases.map(\.kind.rawValue))"),
            ("serial_number", "\(cases.map(\.serialNumber))"), ("title", "\(cases.map(\.title))"),
            ("enterprise_name", "\(cases.map(\.enterpriseName))"), ("region", "\(cases.map(\.region))"),
            ("category", "\(cases.map(\.category))"), ("status", "\(cases.map(\.status))"), ("unit_id", "\(cases.map(\.unitID))"),
            ("unit_name", "\(cases.map(\.unitName))"), ("liaison_official_id", "\(cases.map(\.liaisonOfficialID))"),
            ("current_step", "\(cases.map(\.currentStep))"), ("current_due_at", "\(cases.map(\.currentDueAt))"),
            ("submitted_at", "\(cases.map(\.submittedAt))"), ("received_month", "\(cases.map { BeijingMonth.of($0.submittedAt) })"),
            ("reviewed_at", "\(cases.map(\.reviewedAt))"), ("reviewed_month", "\(month(\.reviewedAt))"),
            ("reviewed_late", "\(cases.map(\.reviewedLate))"), ("signed_at", "\(cases.map(\.signedAt))"),
            ("signed_month", "\(month(\.signedAt))"), ("signed_late", "\(cases.map(\.signedLate))"),
            ("first_replied_at", "\(cases.map(\.firstRepliedAt))"), ("first_replied_month", "\(month(\.firstRepliedAt))"),
            ("days_to_reply", "\(cases.map { $0.daysToReply.map { "\($0)" } })::numeric[]"),
            ("working_days_to_reply", "\(cases.map(\.workingDaysToReply))"), ("concluded_at", "\(cases.map(\.concludedAt))"),
            ("concluded_month", "\(month(\.concludedAt))"), ("concluded_late", "\(cases.map(\.concludedLate))"),
            ("rated_at", "\(cases.map(\.ratedAt))"), ("rated_month", "\(month(\.ratedAt))"), ("solved", "\(cases.map(\.solved))"),
            ("satisfied", "\(cases.map(\.satisfied))"), ("reopened", "\(cases.map(\.reopened))"),
            ("escalations", "\(cases.map(\.escalations))"), ("first_unit_id", "\(cases.map(\.firstUnitID))"),
            ("first_unit_name", "\(cases.map(\.firstUnitName))"), ("first_dispatched_at", "\(cases.map(\.firstDispatchedAt))"),
            ("first_dispatched_month", "\(month(\.firstDispatchedAt))"), ("reassignments", "\(cases.map(\.reassignments))"),
            ("withdrawn_at", "\(cases.map(\.withdrawnAt))"), ("withdrawn_month", "\(month(\.withdrawnAt))"),
            ("marked_major_at", "\(cases.map(\.markedMajorAt))"), ("major_month", "\(month(\.markedMajorAt))"),
            ("last_event_at", "\(cases.map(\.lastEventAt))"), ("last_event_id", "\(cases.map(\.lastEventID))"),
            ("review_due_at", "\(cases.map(\.reviewDueAt))"), ("sign_due_at", "\(cases.map(\.signDueAt))"),
            ("reply_due_at", "\(cases.map(\.replyDueAt))"), ("review_overdue", "\(cases.map(\.reviewOverdue))"),
            ("sign_overdue", "\(cases.map(\.signOverdue))"), ("reply_overdue", "\(cases.map(\.replyOverdue))"),
            ("dispatched_to", "\(cases.map(\.dispatchedTo))"),
        ]
        var query = PostgresQuery("INSERT INTO stat_cases (" + columns.map(\.name).joined(separator: ", ") + ") SELECT * FROM unnest(")
        for (index, column) in columns.enumerated() {
            if index > 0 { query.appendUnescaped(", ") }
            query.append(column.values)
        }
        query.appendUnescaped(")")
        return (query, columns.map(\.name))
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

extension CaseStatistics {
    /// A case's row as `StatisticsStore.rows` wrote it (the months are the instants' and are not read).
    init(row: PostgresRow) throws {
        let kind: String = try row.decode("kind")
        self.init(
            caseID: try row.decode("case_id"), kind: CaseFacts.Kind(rawValue: kind) ?? .appeal, serialNumber: try row.decode("serial_number"),
            title: try row.decode("title"), enterpriseName: try row.decode("enterprise_name"), region: try row.decode("region"),
            category: try row.decode("category"), status: try row.decode("status"), unitID: try row.decode("unit_id"),
            unitName: try row.decode("unit_name"), liaisonOfficialID: try row.decode("liaison_official_id"),
            currentStep: try row.decode("current_step"), currentDueAt: try row.decode("current_due_at"),
            submittedAt: try row.decode("submitted_at"), reviewedAt: try row.decode("reviewed_at"),
            reviewedLate: try row.decode("reviewed_late"), signedAt: try row.decode("signed_at"), signedLate: try row.decode("signed_late"),
            firstRepliedAt: try row.decode("first_replied_at"), daysToReply: try row.decode("days_to_reply"),
            workingDaysToReply: try row.decode("working_days_to_reply"), concludedAt: try row.decode("concluded_at"),
            concludedLate: try row.decode("concluded_late"), ratedAt: try row.decode("rated_at"), solved: try row.decode("solved"),
            satisfied: try row.decode("satisfied"), reopened: try row.decode("reopened"), escalations: try row.decode("escalations"),
            firstUnitID: try row.decode("first_unit_id"), firstUnitName: try row.decode("first_unit_name"),
            firstDispatchedAt: try row.decode("first_dispatched_at"), reassignments: try row.decode("reassignments"),
            withdrawnAt: try row.decode("withdrawn_at"), markedMajorAt: try row.decode("marked_major_at"),
            lastEventAt: try row.decode("last_event_at"), lastEventID: try row.decode("last_event_id"),
            reviewDueAt: try row.decode("review_due_at"), signDueAt: try row.decode("sign_due_at"), replyDueAt: try row.decode("reply_due_at"),
            reviewOverdue: try row.decode("review_overdue"), signOverdue: try row.decode("sign_overdue"),
            replyOverdue: try row.decode("reply_overdue"), dispatchedTo: try row.decode("dispatched_to"))
    }
}
