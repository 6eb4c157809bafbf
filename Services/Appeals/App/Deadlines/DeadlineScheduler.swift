import Foundation
import Logging
import Postgres
import ServiceKit

/// Marks items due-soon and overdue, once per step, and closes replied items whose rating window
/// ended (marked unrated; where the scheme needs closure approval they wait for it instead). Safe with several instances: rows are claimed with `FOR UPDATE SKIP
/// LOCKED`, and each mark is a row whose key is (item, step number, mark), so it fires once even
/// across restarts.
struct DeadlineScheduler: Sendable {
    let dependencies: ServiceDependencies
    let interval: Duration

    init(dependencies: ServiceDependencies, interval: Duration = .seconds(30)) {
        self.dependencies = dependencies
        self.interval = interval
    }

    /// A pass every `interval`, until graceful shutdown.
    var job: PeriodicJob {
        PeriodicJob(name: "deadline scheduler", interval: interval, logger: dependencies.logger, pass: { [self] in
            _ = try await tick(at: Date())
        })
    }

    struct TickResult: Sendable, Equatable {
        var dueSoon = 0
        var overdue = 0
        var autoClosed = 0
    }

    /// One pass at `now`.
    func tick(at now: Date, batch: Int = 200) async throws -> TickResult {
        var result = TickResult()
        result.autoClosed = try await autoClose(at: now, batch: batch)
        result.overdue = try await mark("overdue", condition: "c.due_at <= \(now)", at: now, batch: batch)
        result.dueSoon = try await mark(
            "dueSoon", condition: "c.due_soon_at <= \(now) AND c.due_at > \(now)", at: now, batch: batch)
        return result
    }

    private func mark(_ mark: String, condition: PostgresQuery, at now: Date, batch: Int) async throws -> Int {
        try await dependencies.pool.withTransaction { connection in
            let records = try await DeadlineStore.lockUnmarked(mark, where: condition, limit: batch, on: connection)
            var count = 0
            for record in records {
                guard try await DeadlineStore.addMark(mark, to: record, at: now, on: connection) else { continue }
                let action: CaseAction = mark == "overdue" ? .overdue : .dueSoon
                try await CaseWorkflow(dependencies: dependencies).archive(
                    .init(action: action, note: record.step), of: record, from: record.status, by: .system, at: now,
                    on: connection)
                count += 1
            }
            return count
        }
    }

    /// Replied items whose rating window (the `rate` step) ended close themselves, unrated.
    private func autoClose(at now: Date, batch: Int) async throws -> Int {
        try await dependencies.pool.withTransaction { connection in
            let records = try await DeadlineStore.lockRatingWindowEnded(at: now, limit: batch, on: connection)
            for var record in records {
                let from = record.status
                let approval = try await DeadlineScheme.load(record.schemeCode, on: connection).closureApproval
                record.status = approval ? .awaitingClosure : .closed
                record.closedAt = approval ? nil : now
                record.unrated = true
                record.updatedAt = now
                try await DeadlinePlanner(connection: connection, logger: dependencies.logger).enterStep(&record, at: now)
                try await CaseStore.save(record, on: connection)
                let action: CaseAction = approval ? .closureRequested(unrated: true) : .closed(unrated: true)
                try await CaseWorkflow(dependencies: dependencies).archive(
                    .init(action: action, note: "评价期满，企业未评价"), of: record, from: from, by: .system,
                    at: now, on: connection)
            }
            return records.count
        }
    }
}
