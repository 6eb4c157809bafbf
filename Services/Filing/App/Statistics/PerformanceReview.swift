import Foundation
import Hummingbird
import ServiceKit

/// One indicator of a unit's (or region's) month: its weight, the counts and the rate.
struct IndicatorFigure: ResponseCodable, Equatable {
    var indicator: PerformanceIndicator
    var name: String
    var weight: String
    var met: Int
    var counted: Int
    /// Percent, one decimal; absent when nothing was counted (the indicator then leaves the score).
    var rate: String?
}

/// One unit's (or region's) place in a month's performance review (绩效评估).
struct PerformanceRow: ResponseCodable, Equatable {
    var level: String
    var unitID: UUID?
    var region: String?
    var name: String?
    var month: String
    /// 1 = best; ties share a rank; absent when nothing was counted for the unit.
    var rank: Int?
    /// The weighted mean of the indicators that counted something, percent, one decimal.
    var score: String?
    /// Score below the threshold.
    var lagging: Bool
    /// Lagging the threshold's number of consecutive months or more, ending with this month: 重点督查.
    var keySupervision: Bool
    /// The consecutive lagging months ending with this month (empty when not lagging), oldest first.
    var laggingMonths: [String]
    /// The unit's own weights were applied (otherwise the city's).
    var ownWeights: Bool
    var indicators: [IndicatorFigure]
    /// First replies in the month, and the median working days from submission to them (whole, `"7"`,
    /// nearest rank, as on the public page; absent when none or the calendar lacks a year). Shown, not scored.
    var firstReplied: Int
    var medianWorkingDaysToReply: String?
}

/// The monthly performance review, plain Swift over the counts: scores, ranks, lagging and 重点督查.
/// Past months are scored with today's rules (the streak shows how the unit stands by them).
enum PerformanceReview {
    /// The months a streak is looked for in: the reported month and the 11 before it.
    static let lookBack = 12

    static func months(ending month: FilingPeriod) -> [String] {
        var months: [String] = [month.description]
        var cursor = month
        while months.count < lookBack, let previous = cursor.previous {
            months.insert(previous.description, at: 0)
            cursor = previous
        }
        return months
    }

    /// The ranked rows of `month`; `rules(key)` gives the rules for a unit's (or region's) key.
    static func rank(
        month: String, level: PerformanceStore.Level, counts: [PerformanceStore.MonthCounts], rules: (String) -> PerformanceRules
    ) -> [PerformanceRow] {
        let byKey = Dictionary(grouping: counts, by: \.key)
        var rows: [PerformanceRow] = []
        for (key, history) in byKey {
            guard let current = history.first(where: { $0.month == month }), current.countsAnIndicator else { continue }
            let applied = rules(key)
            let threshold = applied.threshold
            let figures = indicators(current, applied)
            let score = score(figures)
            var streak: [String] = []
            if let score, score < threshold {
                let earlier = history.filter { $0.month < month }.sorted { $0.month > $1.month }
                streak = [month]
                var expected = FilingPeriod(month)?.previous?.description
                for past in earlier {
                    guard past.month == expected, let pastScore = Self.score(indicators(past, applied)), pastScore < threshold else { break }
                    streak.insert(past.month, at: 0)
                    expected = FilingPeriod(past.month)?.previous?.description
                }
            }
            rows.append(
                PerformanceRow(
                    level: level.rawValue, unitID: level == .unit ? UUID(uuidString: key) : nil, region: level == .region ? key : nil,
                    name: current.name, month: month, rank: nil, score: score.map(Rate.oneDecimal), lagging: !streak.isEmpty,
                    keySupervision: streak.count >= applied.consecutiveMonths, laggingMonths: streak, ownWeights: applied.ownWeights,
                    indicators: figures, firstReplied: current.firstReplied, medianWorkingDaysToReply: current.medianWorkingDaysToReply))
        }
        func scoreValue(_ row: PerformanceRow) -> Decimal? { row.score.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } }
        rows.sort { lhs, rhs in
            switch (scoreValue(lhs), scoreValue(rhs)) {
            case let (l?, r?) where l != r: return l > r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return ((lhs.name ?? "\u{10FFFF}"), lhs.unitID?.uuidString ?? lhs.region ?? "") < ((rhs.name ?? "\u{10FFFF}"), rhs.unitID?.uuidString ?? rhs.region ?? "")
            }
        }
        var previous: (score: Decimal, rank: Int)?
        for index in rows.indices {
            guard let value = scoreValue(rows[index]) else { continue }
            let rank = previous.map { $0.score == value ? $0.rank : index + 1 } ?? index + 1
            rows[index].rank = rank
            previous = (value, rank)
        }
        return rows
    }

    static func indicators(_ counts: PerformanceStore.MonthCounts, _ rules: PerformanceRules) -> [IndicatorFigure] {
        rules.weights.map { weight in
            let (met, counted) = counts.tally(weight.indicator)
            return IndicatorFigure(
                indicator: weight.indicator, name: weight.name, weight: weight.weight, met: met, counted: counted,
                rate: Rate.percent(met, of: counted))
        }
    }

    /// Σ weight × rate / Σ weight over the indicators that counted something (exact rates), rounded
    /// half up to one decimal; nil when none did or their weights are all 0.
    static func score(_ figures: [IndicatorFigure]) -> Decimal? {
        var weighted = Decimal(0), weights = Decimal(0)
        for figure in figures where figure.counted > 0 {
            let weight = Decimal(string: figure.weight, locale: Locale(identifier: "en_US_POSIX")) ?? 0
            weighted += weight * Decimal(figure.met) * 100 / Decimal(figure.counted)
            weights += weight
        }
        guard weights > 0 else { return nil }
        var value = weighted / weights
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return rounded
    }
}
