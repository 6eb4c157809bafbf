import Foundation
import Hummingbird
import ServiceKit

/// A validation rule as data (after DHIS2's validation rules): a kind the service knows how to check,
/// its parameter, importance (`error` refuses the filing with the fields named; `warning` is shown and
/// must be explained in 情况说明), name and message. Changes make new versions.
struct ValidationRule: ResponseCodable, Equatable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        /// Every figure of the form, and the names and units of products and materials, are filled in.
        case required
        /// Year-to-date ≥ this month (工业总产值, 用电量, each product's output).
        case ytdAtLeastMonth
        /// In January, year-to-date = this month.
        case januaryYtdEqualsMonth
        /// No negative output, use, revenue, tax, price or inventory (利润总额 and % may be negative).
        case nonNegative
        /// A reported yoy % differs from the one computed from last year's filing of the month by more
        /// than `parameter` percentage points.
        case yoyConsistency
        /// A reported mom % of a price differs from the one computed from last month's filing by more
        /// than `parameter` percentage points.
        case momConsistency
        /// A figure changes by more than `parameter` % against the same month last year.
        case yoyChange
        /// A figure lies outside the enterprise's own range over its earlier filings (once it has at
        /// least `parameter` of them).
        case historicalRange

        var needsParameter: Bool {
            switch self {
            case .yoyConsistency, .momConsistency, .yoyChange, .historicalRange: true
            default: false
            }
        }
    }

    enum Importance: String, Codable, Sendable, CaseIterable {
        case error
        case warning
    }

    var code: String
    var version: Int
    var kind: Kind
    var importance: Importance
    var name: String
    var message: String
    var parameter: Amount?
    var active: Bool
    var changedAt: Date
}
