import Foundation
import ServiceKit

/// How long a grant lasts: 3 months, 6 months, a year (Asia/Shanghai calendar), or a given date.
enum MembershipPeriod {
    /// The end of an authorization period: 3 months, 6 months, a year, or a given future date within 5 years.
    static func expiry(period: String, until: Date?, now: Date = Date()) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let date: Date?
        switch period {
        case "3m": date = calendar.date(byAdding: .month, value: 3, to: now)
        case "6m": date = calendar.date(byAdding: .month, value: 6, to: now)
        case "1y": date = calendar.date(byAdding: .year, value: 1, to: now)
        case "date":
            guard let until else { throw APIError.invalid("until", "is required when period is date") }
            guard until > now else { throw APIError.invalid("until", "must be in the future") }
            guard until < now.addingTimeInterval(5 * 366 * 24 * 3600) else { throw APIError.invalid("until", "must be within 5 years") }
            date = until
        default: throw APIError.invalid("period", "must be 3m, 6m, 1y or date")
        }
        guard let date else { throw APIError.invalid("period", "could not be computed") }
        return date
    }
}
