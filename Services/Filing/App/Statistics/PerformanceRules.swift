import Foundation
import Hummingbird
import ServiceKit

/// The indicators a unit's monthly score can be made of (which are used, and how much each weighs,
/// is data: `performance_indicators`, `performance_weights`).
enum PerformanceIndicator: String, CaseIterable, Codable, Sendable {
    /// 按期办结率: concluded in the month, on time.
    case concludedOnTime
    /// 按期签收率: signed in the month, on time.
    case signedOnTime
    /// 满意率: rated in the month, satisfied.
    case satisfied
    /// Policies first published in the month within 24 hours of issue (art. 5).
    case policyWithin24Hours
}

/// One indicator's weight (percent) in a scope.
struct IndicatorWeight: ResponseCodable, Equatable {
    var indicator: PerformanceIndicator
    var name: String
    var weight: String
}

/// The rules a review applies: the city's weights (or a unit's own), the lagging threshold and the
/// consecutive lagging months that make a 重点督查 target.
struct PerformanceRules: ResponseCodable, Equatable {
    /// The unit whose own weights these are; absent: the city's.
    var unitID: UUID?
    /// For a unit: whether it has weights of its own (false: the city's apply).
    var ownWeights: Bool
    var weights: [IndicatorWeight]
    /// A score below this (percent) is lagging.
    var laggingBelow: String
    /// Lagging this many months in a row, ending with the reported month, is 重点督查.
    var consecutiveMonths: Int

    func weight(of indicator: PerformanceIndicator) -> Decimal {
        weights.first { $0.indicator == indicator }.flatMap { Decimal(string: $0.weight, locale: Locale(identifier: "en_US_POSIX")) } ?? 0
    }

    var threshold: Decimal { Decimal(string: laggingBelow, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }
}

/// A change of the weights (and, for the city, the thresholds), checked field by field.
struct PerformanceRulesChange: Decodable, Sendable {
    /// Every indicator's weight, percent as a decimal string with up to two places; they sum to 100.
    var weights: [String: String]?
    var laggingBelow: String?
    var consecutiveMonths: Int?

    static let percentPattern = #"^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)\z"#

    func checkedWeights() throws -> [PerformanceIndicator: Decimal] {
        guard let weights else { throw APIError.invalid("weights", "is required: a weight for each of \(Self.codes)") }
        var checked: [PerformanceIndicator: Decimal] = [:]
        for (code, text) in weights {
            guard let indicator = PerformanceIndicator(rawValue: code) else {
                throw APIError.invalid("weights.\(code)", "is not an indicator (one of \(Self.codes))")
            }
            checked[indicator] = try Self.percent(text, field: "weights.\(code)")
        }
        for indicator in PerformanceIndicator.allCases where checked[indicator] == nil {
            throw APIError.invalid("weights.\(indicator.rawValue)", "is required (a weight for each indicator, 0 to 100)")
        }
        guard checked.values.reduce(0, +) == 100 else { throw APIError.invalid("weights", "must sum to 100") }
        return checked
    }

    func checkedThresholds() throws -> (laggingBelow: Decimal, consecutiveMonths: Int) {
        guard let laggingBelow else { throw APIError.invalid("laggingBelow", "is required (percent, 0 to 100)") }
        let threshold = try Self.percent(laggingBelow, field: "laggingBelow")
        guard let consecutiveMonths else { throw APIError.invalid("consecutiveMonths", "is required (2 to 12)") }
        guard (2...12).contains(consecutiveMonths) else { throw APIError.invalid("consecutiveMonths", "must be from 2 to 12") }
        return (threshold, consecutiveMonths)
    }

    static var codes: String { PerformanceIndicator.allCases.map(\.rawValue).joined(separator: ", ") }

    static func percent(_ text: String, field: String) throws -> Decimal {
        guard text.range(of: percentPattern, options: .regularExpression) != nil,
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { throw APIError.invalid(field, "must be a percentage from 0 to 100 with at most two decimals, as a string") }
        return value
    }
}
