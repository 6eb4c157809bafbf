import Contracts
import Foundation
import Hummingbird

/// Runs the validation rules over a form's figures (plain Swift, no database): what the filing says,
/// beside the enterprise's filing of the same month last year, of last month, and its own range.
/// Findings are shown as they are; nothing is ever corrected.
struct FilingChecks: Sendable {
    struct Finding: Codable, Sendable, Equatable {
        var rule: String
        var ruleVersion: Int
        var importance: ValidationRule.Importance
        var field: String
        var message: String

        var flag: FilingFlag { FilingFlag(rule: rule, ruleVersion: ruleVersion, field: field, message: message) }
    }

    /// One figure's range over the enterprise's earlier filings.
    struct Range: Sendable, Equatable {
        var min: Decimal
        var max: Decimal
        var count: Int
    }

    var sheet: FigureSheet
    var period: FilingPeriod
    /// Last year's filing of the month, by figure key (nil when there is none).
    var lastYear: [String: Decimal]?
    /// Last month's filing, by figure key (nil when there is none).
    var lastMonth: [String: Decimal]?
    var history: [String: Range]

    /// The quantity and year-to-date pairs: (this month, year-to-date).
    static let cumulativePairs = [("output.month", "output.ytd"), ("electricity.month", "electricity.ytd"), ("outputMonth", "outputYTD")]
    /// Quantities that may be negative.
    static let mayBeNegative: Set<String> = ["profit.month"]

    func run(_ rules: [ValidationRule]) -> [Finding] {
        rules.filter(\.active).flatMap { rule in
            findings(of: rule).map {
                Finding(rule: rule.code, ruleVersion: rule.version, importance: rule.importance, field: $0.field, message: $0.message)
            }
        }
    }

    private func findings(of rule: ValidationRule) -> [(field: String, message: String)] {
        let parameter = rule.parameter?.value ?? 0
        switch rule.kind {
        case .required:
            return sheet.missingText.map { ($0, rule.message) } + sheet.entries.filter { $0.value == nil }.map { ($0.field, rule.message) }
        case .ytdAtLeastMonth:
            return pairs().filter { $0.ytd < $0.month }.map { ($0.field, "\(rule.message) (\(Amount.text($0.ytd)) < \(Amount.text($0.month)))") }
        case .januaryYtdEqualsMonth:
            guard period.isJanuary else { return [] }
            return pairs().filter { $0.ytd != $0.month }.map { ($0.field, "\(rule.message) (\(Amount.text($0.ytd)) ≠ \(Amount.text($0.month)))") }
        case .nonNegative:
            return sheet.entries.filter { !$0.isPercent && !Self.mayBeNegative.contains($0.measure) && ($0.value ?? 0) < 0 }
                .map { ($0.field, rule.message) }
        case .yoyConsistency:
            return consistency(with: lastYear, kind: "yoy", tolerance: parameter, message: rule.message)
        case .momConsistency:
            return consistency(with: lastMonth, kind: "mom", tolerance: parameter, message: rule.message)
        case .yoyChange:
            guard let lastYear else { return [] }
            return quantities().compactMap { entry, value in
                guard let before = lastYear[entry.key], let change = Self.change(from: before, to: value), abs(change) > parameter else { return nil }
                return (entry.field, "\(rule.message) (\(Amount.percent(change))%, threshold ±\(Amount.percent(parameter))%)")
            }
        case .historicalRange:
            return quantities().compactMap { entry, value in
                guard let range = history[entry.key], Decimal(range.count) >= parameter, value < range.min || value > range.max else { return nil }
                return (entry.field, "\(rule.message) (\(Amount.text(range.min))–\(Amount.text(range.max)))")
            }
        }
    }

    /// Present quantities (not %), with their values.
    private func quantities() -> [(FigureSheet.Entry, Decimal)] {
        sheet.entries.compactMap { entry in entry.isPercent ? nil : entry.value.map { (entry, $0) } }
    }

    /// Present (this month, year-to-date) pairs, with the year-to-date's field.
    private func pairs() -> [(field: String, month: Decimal, ytd: Decimal)] {
        sheet.entries.compactMap { entry in
            guard let pair = Self.cumulativePairs.first(where: { $0.0 == entry.measure }), let month = entry.value,
                let ytdEntry = sheet.sibling(of: entry, measure: pair.1), let ytd = ytdEntry.value
            else { return nil }
            return (ytdEntry.field, month, ytd)
        }
    }

    /// Reported % against the one computed from `earlier` (when it has the figure, and it is not 0).
    private func consistency(with earlier: [String: Decimal]?, kind: String, tolerance: Decimal, message: String) -> [(field: String, message: String)] {
        guard let earlier else { return [] }
        return quantities().compactMap { entry, value in
            guard let measure = FigureSheet.percentMeasure(of: entry.measure, kind), let reportedEntry = sheet.sibling(of: entry, measure: measure),
                let reported = reportedEntry.value, let before = earlier[entry.key], let computed = Self.change(from: before, to: value),
                abs(reported - computed) > tolerance
            else { return nil }
            return (reportedEntry.field, "\(message) (reported \(Amount.percent(reported))%, computed \(Amount.percent(computed))%)")
        }
    }

    /// The change from `before` to `after` in % of |before|; nil when `before` is 0.
    static func change(from before: Decimal, to after: Decimal) -> Decimal? {
        guard before != 0 else { return nil }
        return (after - before) / abs(before) * 100
    }
}
