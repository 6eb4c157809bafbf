import Contracts
import Foundation
import Postgres

/// The statistics read models' writes: the case events as applied, the per-case facts folded from
/// them, the published policies; and the rebuild.
enum StatisticsStore {
    /// Keeps the event and folds its case again; a redelivered event (same id) changes nothing.
    static func apply(_ event: CaseEventRecord, on connection: PostgresConnection) async throws {
        let inserted = try await connection.execute(
            """
            INSERT INTO stat_case_events (event_id, case_id, action, occurred_at, kind, serial_number, title, enterprise_name,
                region, category, status, unit_id, unit_name, step, due_at, submitted_at, solved, satisfied)
            VALUES (\(event.eventID), \(event.caseID), \(event.action), \(event.occurredAt), \(event.kind.rawValue), \(event.serialNumber),
                \(event.title), \(event.enterpriseName), \(event.region), \(event.category), \(event.status), \(event.unitID),
                \(event.unitName), \(event.step), \(event.dueAt), \(event.submittedAt), \(event.solved), \(event.satisfied))
            ON CONFLICT (event_id) DO NOTHING
            """)
        guard inserted == 1 else { return }
        try await refold(event.caseID, on: connection)
    }

    /// Folds one case's kept events into its row.
    static func refold(_ caseID: UUID, on connection: PostgresConnection) async throws {
        let events = try await connection.query(
            """
            SELECT event_id, case_id, action, occurred_at, kind, serial_number, title, enterprise_name, region, category, status,
                unit_id, unit_name, step, due_at, submitted_at, solved, satisfied
            FROM stat_case_events WHERE case_id = \(caseID)
            """
        ).map(CaseEventRecord.init(row:))
        guard let facts = CaseStatistics.fold(events) else { return }
        try await upsert(facts, on: connection)
    }

    static func upsert(_ facts: CaseStatistics, on connection: PostgresConnection) async throws {
        let received = BeijingMonth.of(facts.submittedAt)
        let signed = facts.signedAt.map(BeijingMonth.of)
        let replied = facts.firstRepliedAt.map(BeijingMonth.of)
        let concluded = facts.concludedAt.map(BeijingMonth.of)
        let rated = facts.ratedAt.map(BeijingMonth.of)
        let days = facts.daysToReply.map { "\($0)" }
        try await connection.execute(
            """
            INSERT INTO stat_cases (case_id, kind, serial_number, title, enterprise_name, region, category, status, unit_id, unit_name,
                current_step, current_due_at, submitted_at, received_month, signed_at, signed_month, signed_late, first_replied_at,
                first_replied_month, days_to_reply, concluded_at, concluded_month, concluded_late, rated_at, rated_month, solved,
                satisfied, reopened, escalations, last_event_at)
            VALUES (\(facts.caseID), \(facts.kind.rawValue), \(facts.serialNumber), \(facts.title), \(facts.enterpriseName), \(facts.region),
                \(facts.category), \(facts.status), \(facts.unitID), \(facts.unitName), \(facts.currentStep), \(facts.currentDueAt),
                \(facts.submittedAt), \(received), \(facts.signedAt), \(signed), \(facts.signedLate), \(facts.firstRepliedAt), \(replied),
                \(days)::numeric, \(facts.concludedAt), \(concluded), \(facts.concludedLate), \(facts.ratedAt), \(rated), \(facts.solved),
                \(facts.satisfied), \(facts.reopened), \(facts.escalations), \(facts.lastEventAt))
            ON CONFLICT (case_id) DO UPDATE SET kind = EXCLUDED.kind, serial_number = EXCLUDED.serial_number, title = EXCLUDED.title,
                enterprise_name = EXCLUDED.enterprise_name, region = EXCLUDED.region, category = EXCLUDED.category,
                status = EXCLUDED.status, unit_id = EXCLUDED.unit_id, unit_name = EXCLUDED.unit_name,
                current_step = EXCLUDED.current_step, current_due_at = EXCLUDED.current_due_at, submitted_at = EXCLUDED.submitted_at,
                received_month = EXCLUDED.received_month, signed_at = EXCLUDED.signed_at, signed_month = EXCLUDED.signed_month,
                signed_late = EXCLUDED.signed_late, first_replied_at = EXCLUDED.first_replied_at,
                first_replied_month = EXCLUDED.first_replied_month, days_to_reply = EXCLUDED.days_to_reply,
                concluded_at = EXCLUDED.concluded_at, concluded_month = EXCLUDED.concluded_month,
                concluded_late = EXCLUDED.concluded_late, rated_at = EXCLUDED.rated_at, rated_month = EXCLUDED.rated_month,
                solved = EXCLUDED.solved, satisfied = EXCLUDED.satisfied, reopened = EXCLUDED.reopened,
                escalations = EXCLUDED.escalations, last_event_at = EXCLUDED.last_event_at
            """)
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
        for caseID in cases { try await refold(caseID, on: connection) }
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
            unitID: try row.decode("unit_id"), unitName: try row.decode("unit_name"), step: try row.decode("step"),
            dueAt: try row.decode("due_at"), submittedAt: try row.decode("submitted_at"), solved: try row.decode("solved"),
            satisfied: try row.decode("satisfied"))
    }
}
