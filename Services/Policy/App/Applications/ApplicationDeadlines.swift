import Contracts
import Foundation
import Logging
import Postgres
import ServiceKit
import WorkCalendar

/// 办理 is timed by the item's limit in working days on the official calendar, from acceptance:
/// due at the end of the limit's last working day, due soon from that day's start. A job marks
/// each application due-soon and overdue once (a row per mark, so once even across restarts and
/// instances: rows are claimed with `FOR UPDATE SKIP LOCKED`), and times the ones a missing
/// calendar year left untimed once the year is loaded.
enum ApplicationDeadlines {
    /// Sets `dueAt`/`dueSoonAt` from `acceptedAt`, or `deadlineProblem` when the calendar lacks a year.
    static func time(_ record: inout ApplicationRecord, on connection: PostgresConnection) async throws {
        time(&record, on: try await PolicyCalendarStore.load(on: connection))
    }

    static func time(_ record: inout ApplicationRecord, on calendar: WorkCalendar) {
        guard let accepted = record.acceptedAt else { return }
        do {
            let start = CalendarDay(containing: accepted, in: calendar.timeZone)
            let last = try calendar.lastDay(of: record.processingDays, .workingDays, after: start)
            record.dueAt = last.end(in: calendar.timeZone)
            record.dueSoonAt = last.start(in: calendar.timeZone)
            record.deadlineProblem = nil
        } catch {
            record.dueAt = nil
            record.dueSoonAt = nil
            record.deadlineProblem = "\(error)"
        }
    }

    struct Scheduler: Sendable {
        let dependencies: ServiceDependencies
        var interval: Duration = .seconds(60)

        var job: PeriodicJob {
            PeriodicJob(name: "application deadlines", interval: interval, logger: dependencies.logger, pass: { [self] in
                _ = try await tick(at: Date())
            })
        }

        struct TickResult: Sendable, Equatable {
            var timed = 0
            var dueSoon = 0
            var overdue = 0
        }

        /// One pass at `now`.
        func tick(at now: Date, batch: Int = 200) async throws -> TickResult {
            var result = TickResult()
            result.timed = try await timeUntimed(batch: batch)
            result.overdue = try await mark("overdue", where: "a.due_at <= \(now)", at: now, batch: batch)
            result.dueSoon = try await mark("dueSoon", where: "a.due_soon_at <= \(now) AND a.due_at > \(now)", at: now, batch: batch)
            return result
        }

        private func timeUntimed(batch: Int) async throws -> Int {
            try await dependencies.pool.withTransaction { connection in
                var timed = 0
                let untimed = try await ApplicationStore.lockWithoutDeadline(limit: batch, on: connection)
                guard !untimed.isEmpty else { return 0 }
                let calendar = try await PolicyCalendarStore.load(on: connection)
                for var record in untimed {
                    ApplicationDeadlines.time(&record, on: calendar)
                    guard record.dueAt != nil else { continue }
                    try await ApplicationStore.save(record, on: connection)
                    timed += 1
                }
                return timed
            }
        }

        private func mark(_ mark: String, where condition: PostgresQuery, at now: Date, batch: Int) async throws -> Int {
            try await dependencies.pool.withTransaction { connection in
                var count = 0
                for record in try await ApplicationStore.lockUnmarked(mark, where: condition, limit: batch, on: connection) {
                    guard let due = record.dueAt, try await ApplicationStore.addMark(mark, to: record.id, at: now, on: connection) else { continue }
                    try await ApplicationStore.appendStage(
                        .init(action: mark, fromStatus: record.status.rawValue, toStatus: record.status.rawValue, round: record.round, by: nil, at: now,
                              note: nil),
                        of: record.id, on: connection)
                    if mark == "overdue" {
                        try await dependencies.outbox.append(RedemptionApplicationOverdue(application: record.facts, dueAt: due, markedAt: now), on: connection)
                    } else {
                        try await dependencies.outbox.append(RedemptionApplicationDueSoon(application: record.facts, dueAt: due, markedAt: now), on: connection)
                    }
                    count += 1
                }
                return count
            }
        }
    }
}
