import Contracts
import Foundation

extension ComplaintSubmitted: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("submitted")) }
}
extension ComplaintResubmitted: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("resubmitted")) }
}
extension ComplaintDispatched: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("dispatched"), previousUnitID: nil, reason: nil) }
}
extension ComplaintSigned: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("signed")) }
}
extension ComplaintReturned: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("returned"), returnedTo: "dispatcher", reason: "不属于本单位职责") }
}
extension ComplaintCoHandlerAdded: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("co-handler-added"), coHandlerUnitID: AppealsSample.coUnitID, coHandlerUnitName: "市住房和城乡建设局") }
}
extension ComplaintProgressReported: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("progress-reported"), checkpoint: "progress3", content: "已现场核实，正在协调供电公司") }
}
extension ComplaintMaterialRequested: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("material-requested"), request: "请补充用电报装申请表") }
}
extension ComplaintMaterialSupplied: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("material-supplied")) }
}
extension ComplaintReplied: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("replied"), handlerName: "王晓明", content: "已协调完成供电接入") }
}
extension ComplaintRated: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("rated"), solved: true, satisfied: true) }
}
extension ComplaintReopened: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("reopened")) }
}
extension ComplaintClosed: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("closed"), unrated: false) }
}
extension ComplaintWithdrawn: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("withdrawn"), reason: "问题已自行解决") }
}
extension ComplaintDueSoon: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("due-soon")) }
}
extension ComplaintOverdue: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("overdue")) }
}
extension ComplaintEscalated: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("escalated"), escalationID: AppealsSample.escalationID, note: "请于三日内办结并报告") }
}
extension ComplaintClosureRequested: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("closure-requested"), unrated: false) }
}
extension ComplaintClosureReturned: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("closure-returned"), reason: "答复未附整改材料，请补充后再报销号") }
}
extension ComplaintMarkedMajor: GoldenSample {
    static var goldenSample: Self { .init(item: AppealsSample.complaint, transition: AppealsSample.transition("marked-major"), reason: "涉及三个部门的用地审批，需市级协调") }
}
extension ComplaintPlanFiled: GoldenSample {
    static var goldenSample: Self {
        .init(
            item: AppealsSample.complaint, transition: AppealsSample.transition("plan-filed"), planVersion: 1, resolveBy: "2026-03-31",
            milestones: [.init(date: "2026-02-28", content: "完成用地预审"), .init(date: "2026-03-20", content: "取得规划许可")])
    }
}
