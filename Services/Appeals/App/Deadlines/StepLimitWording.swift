import Contracts
import WorkCalendar

/// How a step's limit is said in texts and on the dispatch sheet: 当日, N个工作日, N日, 一个月; the
/// steps' and countings' Chinese names.
enum StepLimitWording {
    static func text(amount: Int, counting: DayCounting) -> String {
        switch counting {
        case .workingDays: "\(amount)个工作日"
        case .calendarDays: amount == 0 ? "当日" : "\(amount)日"
        case .calendarMonths: amount == 1 ? "一个月" : "\(amount)个月"
        }
    }

    static func countingName(_ counting: DayCounting) -> String {
        switch counting {
        case .workingDays: "工作日"
        case .calendarDays: "自然日"
        case .calendarMonths: "自然月"
        }
    }

    /// The step codes of the seeded schemes; another code shows as itself.
    static func stepName(_ code: String) -> String {
        switch code {
        case "review": "审核"
        case "dispatch": "分办"
        case "sign": "签收"
        case "progress": "进展报告"
        case "reply": "答复"
        case "replyMajor": "答复（重大复杂事项）"
        case "plan": "按解决计划办结"
        case "rate": "评价"
        default: code
        }
    }

    static func limit(_ step: DeadlineScheme.Step?) -> StepLimit? {
        guard let step, let amount = step.limitDays else { return nil }
        let counting: StepLimit.Counting =
            switch step.counting {
            case .workingDays: .workingDays
            case .calendarDays: .calendarDays
            case .calendarMonths: .calendarMonths
            }
        return StepLimit(amount: amount, counting: counting, text: text(amount: amount, counting: step.counting))
    }

    /// The item's step limits under `scheme` (the major variants for a major matter).
    static func limits(of scheme: DeadlineScheme, major: Bool) -> StepLimits {
        StepLimits(
            scheme: scheme.code,
            review: limit(scheme.step(for: .reviewing, major: major)),
            dispatch: limit(scheme.step(for: .dispatching, major: major)),
            sign: limit(scheme.step(for: .signing, major: major)),
            reply: limit(scheme.step(for: .inProgress, major: major)),
            rate: limit(scheme.step(for: .replied, major: major)))
    }
}
