import Contracts
import Foundation
import Logging
import Postgres
import ServiceKit
import WorkCalendar

/// The window job: when a month's window opens it says so; the day before it closes it names the
/// enterprises that have not filed (notifications reminds them by SMS and in-site message); once it
/// has closed, it records each enterprise without a filing missing and events it. Each notice is
/// claimed in the transaction that writes its events, so instances and passes never repeat one.
struct WindowNoticeJob: Sendable {
    let runtime: FilingRuntime

    var job: PeriodicJob {
        PeriodicJob(name: "filing-windows", interval: .seconds(600), logger: runtime.dependencies.logger) {
            _ = try await tick(at: Date())
        }
    }

    struct Result: Sendable, Equatable {
        var opened: [String] = []
        var closingSoon: [String] = []
        var closed: [String] = []
        var missing = 0
    }

    func tick(at now: Date) async throws -> Result {
        let today = FilingWindow.today(at: now)
        let pool = runtime.dependencies.pool
        let periods = try await pool.withConnection { try await WindowNoticeStore.candidatePeriods(today: today, on: $0) }
        var result = Result()
        for period in periods {
            let step = try await pool.withTransaction { connection -> Result in
                var result = Result()
                let window = try await WindowStore.window(of: period, on: connection)
                let outbox = runtime.dependencies.outbox
                let (opens, closes) = (window.opensOn.description, window.closesOn.description)
                if window.contains(today), try await WindowNoticeStore.claim(period, kind: "opened", at: now, on: connection) {
                    try await outbox.append(FilingWindowOpened(period: period.description, opensOn: opens, closesOn: closes), on: connection)
                    result.opened.append(period.description)
                }
                if today == window.closesOn.adding(days: -1), try await WindowNoticeStore.claim(period, kind: "closingSoon", at: now, on: connection) {
                    let unfiled = try await WindowNoticeStore.unfiled(period, on: connection)
                    try await outbox.append(
                        FilingWindowClosingSoon(period: period.description, opensOn: opens, closesOn: closes, unfiled: unfiled), on: connection)
                    result.closingSoon.append(period.description)
                }
                if today > window.closesOn, today.distance(to: window.closesOn) >= -7,
                    try await WindowNoticeStore.claim(period, kind: "closed", at: now, on: connection)
                {
                    let unfiled = try await WindowNoticeStore.unfiled(period, on: connection)
                    for enterprise in unfiled {
                        try await WindowNoticeStore.recordMissing(enterprise.reportingEnterpriseID, period: period, at: now, on: connection)
                        try await outbox.append(FilingMissing(enterprise: enterprise, period: period.description, closesOn: closes), on: connection)
                    }
                    let filed = try await WindowNoticeStore.filedCount(period, on: connection)
                    try await outbox.append(
                        FilingWindowClosed(period: period.description, opensOn: opens, closesOn: closes, filed: filed, missing: unfiled.count),
                        on: connection)
                    result.closed.append(period.description)
                    result.missing += unfiled.count
                }
                return result
            }
            result.opened += step.opened
            result.closingSoon += step.closingSoon
            result.closed += step.closed
            result.missing += step.missing
        }
        return result
    }
}
