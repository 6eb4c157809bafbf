import Contracts
import Foundation
import ServiceKit

/// After each calendar month (Asia/Shanghai), finds officials with no recorded contact with an
/// enterprise they looked after for the whole month, and publishes LiaisonContactGap once each.
struct ContactGapJob {
    let runtime: IdentityRuntime

    /// The background job checking the previous month every hour.
    var periodic: PeriodicJob {
        PeriodicJob(name: "liaison contact gaps", interval: .seconds(3600), logger: runtime.logger) {
            _ = try await check(month: Self.previousMonth(of: Date()))
        }
    }

    /// Checks one month (`yyyy-MM`); returns the number of new gaps.
    @discardableResult
    func check(month: String) async throws -> Int {
        try await runtime.pool.withTransaction { connection in
            let gaps = try await ContactGapStore.recordGaps(month: month, on: connection)
            for gap in gaps {
                try await runtime.deps.outbox.append(
                    LiaisonContactGap(enterpriseID: gap.enterpriseID, officialID: gap.officialID, month: month), on: connection)
            }
            return gaps.count
        }
    }

    static func previousMonth(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let previous = calendar.date(byAdding: .month, value: -1, to: date) ?? date
        let parts = calendar.dateComponents([.year, .month], from: previous)
        return String(format: "%04d-%02d", parts.year ?? 2000, parts.month ?? 1)
    }
}
