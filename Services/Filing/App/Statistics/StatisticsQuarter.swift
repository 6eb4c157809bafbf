import Foundation
import ServiceKit

/// A quarter in a path, `yyyy-Qn` (years 2000–2999), and its three months.
struct StatisticsQuarter: Sendable, Equatable, CustomStringConvertible {
    let year: Int
    let quarter: Int

    init?(_ text: String) {
        guard text.range(of: #"^[0-9]{4}-Q[1-4]\z"#, options: .regularExpression) != nil,
            let year = Int(text.prefix(4)), (2000...2999).contains(year), let quarter = Int(text.suffix(1))
        else { return nil }
        self.year = year
        self.quarter = quarter
    }

    /// The quarter in `text`, or a 400 naming `quarter`.
    static func parse(_ text: String?) throws -> StatisticsQuarter {
        guard let text, let quarter = StatisticsQuarter(text) else {
            throw APIError.invalid("quarter", "must be a quarter written yyyy-Qn (2000-2999, Q1-Q4)")
        }
        return quarter
    }

    var description: String { String(format: "%04d-Q%d", year, quarter) }
    /// `yyyy-MM` of the quarter's three months.
    var months: [String] { (1...3).map { String(format: "%04d-%02d", year, (quarter - 1) * 3 + $0) } }
}
