import Foundation

/// One step's time limit as the item's deadline scheme sets it, with its wording for texts
/// (`当日`, `1个工作日`, `5日`, `一个月`), so one template serves every scheme.
public struct StepLimit: Codable, Sendable, Equatable {
    public enum Counting: String, Codable, Sendable {
        case workingDays, calendarDays, calendarMonths
    }

    /// 0 with `calendarDays` is the same day (当日).
    public var amount: Int
    public var counting: Counting
    /// The limit in words: `当日`, `N个工作日`, `N日`, `一个月` / `N个月`.
    public var text: String

    public init(amount: Int, counting: Counting, text: String) {
        self.amount = amount
        self.counting = counting
        self.text = text
    }
}

/// The limits of the item's steps under its scheme (for a major matter, the major variants); a step
/// the scheme does not time is absent.
public struct StepLimits: Codable, Sendable, Equatable {
    public var review: StepLimit?
    public var dispatch: StepLimit?
    public var sign: StepLimit?
    public var reply: StepLimit?
    public var rate: StepLimit?
    /// The item's deadline scheme (`13710`, `shiyan`, …).
    public var scheme: String

    public init(scheme: String, review: StepLimit?, dispatch: StepLimit?, sign: StepLimit?, reply: StepLimit?, rate: StepLimit?) {
        self.scheme = scheme
        self.review = review
        self.dispatch = dispatch
        self.sign = sign
        self.reply = reply
        self.rate = rate
    }
}
