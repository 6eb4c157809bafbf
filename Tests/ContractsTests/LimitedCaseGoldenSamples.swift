import Contracts
import Foundation

extension AppealsSample {
    /// 13710's limits, as the appeals service words them.
    static let limits = StepLimits(
        scheme: "13710",
        review: .init(amount: 0, counting: .calendarDays, text: "当日"),
        dispatch: .init(amount: 0, counting: .calendarDays, text: "当日"),
        sign: .init(amount: 0, counting: .calendarDays, text: "当日"),
        reply: .init(amount: 7, counting: .calendarDays, text: "7日"),
        rate: .init(amount: 5, counting: .calendarDays, text: "5日"))
}

extension AppealSubmittedV2: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("submitted"), limits: AppealsSample.limits) }
}
extension AppealDispatchedV2: GoldenSample {
    static var goldenSample: Self {
        .init(item: AppealsSample.appeal, transition: AppealsSample.transition("dispatched"), previousUnitID: nil, reason: nil, limits: AppealsSample.limits)
    }
}
extension AppealRepliedV2: GoldenSample {
    static var goldenSample: Self {
        .init(item: AppealsSample.appeal, transition: AppealsSample.transition("replied"), handlerName: "王晓明", content: "已协调完成供电接入", limits: AppealsSample.limits)
    }
}
extension ComplaintDispatchedV2: GoldenSample {
    static var goldenSample: Self {
        .init(item: AppealsSample.complaint, transition: AppealsSample.transition("dispatched"), previousUnitID: nil, reason: nil, limits: AppealsSample.limits)
    }
}
extension ComplaintRepliedV2: GoldenSample {
    static var goldenSample: Self {
        .init(item: AppealsSample.complaint, transition: AppealsSample.transition("replied"), handlerName: "王晓明", content: "已责成相关部门整改", limits: AppealsSample.limits)
    }
}
