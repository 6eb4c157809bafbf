import Contracts
import Foundation

extension AppealSubmitted: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("submitted")) }
}
extension AppealResubmitted: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("resubmitted")) }
}
extension AppealReviewed: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("reviewed"), textCorrected: true) }
}
extension AppealDispatched: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("dispatched"), previousUnitID: nil, reason: nil) }
}
extension AppealSigned: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("signed")) }
}
extension AppealReturned: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("returned"), returnedTo: "dispatcher", reason: "不属于本单位职责") }
}
extension AppealCoHandlerAdded: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("co-handler-added"), coHandlerUnitID: AppealsSample.coUnitID, coHandlerUnitName: "市住房和城乡建设局") }
}
extension AppealProgressReported: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("progress-reported"), checkpoint: "progress3", content: "已现场核实，正在协调供电公司") }
}
extension AppealMaterialRequested: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("material-requested"), request: "请补充用电报装申请表") }
}
extension AppealMaterialSupplied: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("material-supplied")) }
}
extension AppealReplied: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("replied"), handlerName: "王晓明", content: "已协调完成供电接入") }
}
extension AppealRated: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("rated"), solved: true, satisfied: true) }
}
extension AppealReopened: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("reopened")) }
}
extension AppealClosed: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("closed"), unrated: false) }
}
extension AppealWithdrawn: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("withdrawn"), reason: "问题已自行解决") }
}
extension AppealDueSoon: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("due-soon")) }
}
extension AppealOverdue: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("overdue")) }
}
extension AppealEscalated: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("escalated"), escalationID: AppealsSample.escalationID, note: "请于三日内办结并报告") }
}
extension AppealClosureRequested: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("closure-requested"), unrated: false) }
}
extension AppealClosureReturned: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("closure-returned"), reason: "答复未附整改材料，请补充后再报销号") }
}
extension AppealMarkedMajor: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.appeal, transition: AppealsSample.transition("marked-major"), reason: "涉及三个部门的用地审批，需市级协调") }
}
extension AppealPlanFiled: GoldenSample {
    static var goldenSample: Self {
        .init(
            item: AppealsSample.appeal, transition: AppealsSample.transition("plan-filed"), planVersion: 1, resolveBy: "2026-03-31",
            milestones: [.init(date: "2026-02-28", content: "完成用地预审"), .init(date: "2026-03-20", content: "取得规划许可")])
    }
}
