import Foundation
import Logging
import Postgres
import WorkCalendar

/// Starts the clock of the step an item enters, moves it over a pause, and keeps the required
/// checkpoints of the handling round.
struct DeadlinePlanner {
    let connection: PostgresConnection
    let logger: Logger

    /// Enters the step of `record.status` at `now`: a new step number, its due time and due-soon time.
    /// A year without a loaded calendar leaves the due time unknown and says why on the item.
    func enterStep(_ record: inout CaseRecord, at now: Date) async throws {
        try await addCheckpoints(of: try await planStep(&record, at: now), to: record)
    }

    /// The step just entered, timed but not yet written: the scheme it was timed by (nil for a closed
    /// item) and the required checkpoints with their due times (nil without a calendar).
    struct PlannedStep {
        struct Checkpoint {
            var code: String
            var due: Date?
        }

        var scheme: DeadlineScheme?
        var checkpoints: [Checkpoint] = []
    }

    /// `enterStep` without writing: times the step on `record` and returns the checkpoints to keep
    /// once the item's row exists (a submission times its first step before writing the row).
    func planStep(_ record: inout CaseRecord, at now: Date) async throws -> PlannedStep {
        record.stepSeq += 1
        record.stepStartedAt = now
        record.dueAt = nil
        record.dueSoonAt = nil
        record.deadlineProblem = nil
        record.pausedAt = nil
        guard record.status.isOpen else {
            record.step = nil
            return PlannedStep()
        }
        let scheme = try await DeadlineScheme.load(record.schemeCode, on: connection)
        let calendar = try await CalendarStore.load(on: connection)
        guard let step = scheme.step(for: record.status, major: record.major) else {
            record.step = record.status == .returnedToEnterprise ? "resubmit" : nil
            return PlannedStep(scheme: scheme)
        }
        record.step = step.code
        if let limit = step.limitDays {
            do {
                let due = try calendar.deadline(limit, step.counting, from: now)
                record.dueAt = due
                record.dueSoonAt = now.addingTimeInterval(due.timeIntervalSince(now) * scheme.dueSoonFraction)
            } catch let error as WorkCalendarError {
                calendarMissing(error, for: &record)
            }
        }
        let checkpoints = scheme.checkpoints(for: record.status).map { checkpoint in
            PlannedStep.Checkpoint(
                code: checkpoint.code, due: checkpoint.limitDays.flatMap { try? calendar.deadline($0, checkpoint.counting, from: now) })
        }
        return PlannedStep(scheme: scheme, checkpoints: checkpoints)
    }

    func addCheckpoints(of plan: PlannedStep, to record: CaseRecord) async throws {
        for checkpoint in plan.checkpoints {
            try await DeadlineStore.addCheckpoint(checkpoint.code, of: record, due: checkpoint.due, on: connection)
        }
    }

    /// Stops the clock (more material asked for).
    func pause(_ record: inout CaseRecord, at now: Date) {
        record.pausedAt = now
    }

    /// Restarts the clock after a pause: the due time moves by the days the pause lasted, counted
    /// the way the step counts them.
    func resume(_ record: inout CaseRecord, at now: Date) async throws {
        defer { record.pausedAt = nil }
        guard let pausedAt = record.pausedAt, let due = record.dueAt, let code = record.step else { return }
        let scheme = try await DeadlineScheme.load(record.schemeCode, on: connection)
        let calendar = try await CalendarStore.load(on: connection)
        // A pause in a month-long step moves it by the calendar days the pause lasted.
        let counting: DayCounting = scheme.step(code: code)?.counting == .workingDays ? .workingDays : .calendarDays
        do {
            let days: Int
            switch counting {
            case .workingDays: days = try calendar.workingDays(after: pausedAt, through: now)
            case .calendarDays, .calendarMonths:
                days = CalendarDay(containing: pausedAt, in: calendar.timeZone).distance(to: CalendarDay(containing: now, in: calendar.timeZone))
            }
            let dueDay = CalendarDay(containing: due.addingTimeInterval(-1), in: calendar.timeZone)
            let newDue = try calendar.lastDay(of: days, counting, after: dueDay).end(in: calendar.timeZone)
            let shift = newDue.timeIntervalSince(due)
            record.dueAt = newDue
            record.dueSoonAt = record.dueSoonAt?.addingTimeInterval(shift)
        } catch let error as WorkCalendarError {
            record.deadlineProblem = error.description
            logger.error("deadline cannot be moved: official calendar missing", metadata: ["case": "\(record.id)"])
        }
    }

    /// Times the current step anew without restarting it (a major matter's longer limit, a filed
    /// plan's date): a new step number, so due-soon and overdue fire again for the new due time,
    /// and the round's checkpoints move along. Due-soon is `fraction` of the way from `start`.
    func retime(_ record: inout CaseRecord, step code: String, due: Date?, from start: Date, fraction: Double) async throws {
        let previous = record.stepSeq
        record.stepSeq += 1
        record.step = code
        record.dueAt = due
        record.dueSoonAt = due.map { start.addingTimeInterval(max(0, $0.timeIntervalSince(start)) * fraction) }
        record.deadlineProblem = nil
        try await DeadlineStore.moveCheckpoints(of: record.id, from: previous, to: record.stepSeq, on: connection)
    }

    /// Times the current step anew by `step`'s limit counted from `start` (a major matter's longer
    /// limit); without the calendar of the due year the due time is left unknown, as when entering a step.
    func retime(_ record: inout CaseRecord, by step: DeadlineScheme.Step, from start: Date, fraction: Double) async throws {
        guard let limit = step.limitDays else { return }
        do {
            let due = try await CalendarStore.load(on: connection).deadline(limit, step.counting, from: start)
            try await retime(&record, step: step.code, due: due, from: start, fraction: fraction)
        } catch let error as WorkCalendarError {
            try await retime(&record, step: step.code, due: nil, from: start, fraction: fraction)
            calendarMissing(error, for: &record)
        }
    }

    private func calendarMissing(_ error: WorkCalendarError, for record: inout CaseRecord) {
        record.deadlineProblem = error.description
        logger.error(
            "deadline cannot be computed: official calendar missing",
            metadata: ["case": "\(record.id)", "step": "\(record.step ?? "")", "problem": "\(error.description)"])
    }

    /// Required checkpoints of the current round not yet reported.
    func missingCheckpoints(_ record: CaseRecord) async throws -> [String] {
        try await DeadlineStore.openCheckpoints(of: record, on: connection)
    }
}

extension DeadlinePlanner {
    /// After an admin loads a calendar year: computes the due times that were left unknown because
    /// their year was missing, from when each step started. Returns how many were fixed.
    func recomputeMissing(at now: Date) async throws -> Int {
        let records = try await DeadlineStore.lockWithoutDeadline(on: connection)
        let calendar = try await CalendarStore.load(on: connection)
        var fixed = 0
        for var record in records {
            let scheme = try await DeadlineScheme.load(record.schemeCode, on: connection)
            guard let started = record.stepStartedAt, let code = record.step,
                let step = scheme.step(code: code), let limit = step.limitDays,
                let due = try? calendar.deadline(limit, step.counting, from: started)
            else { continue }
            record.dueAt = due
            record.dueSoonAt = started.addingTimeInterval(due.timeIntervalSince(started) * scheme.dueSoonFraction)
            record.deadlineProblem = nil
            record.updatedAt = now
            try await CaseStore.save(record, on: connection)
            fixed += 1
        }
        return fixed
    }
}
