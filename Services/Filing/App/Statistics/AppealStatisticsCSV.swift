import Foundation
import WorkCalendar

/// Shiyan's 诉求办理统计表 and 诉求办理明细 as CSV for Excel (`SpreadsheetCSV`), from the same figures
/// and items as the JSON. Rates are percentages with one decimal, blank when nothing was counted.
enum AppealStatisticsCSV {
    /// 诉求办理统计表: one row per unit with every figure of `AppealUnitFigures`, then 合计: the counts
    /// summed, the rates recomputed from the summed counts, the medians and 90th percentiles blank (they
    /// do not add up).
    static func table(_ rows: [AppealUnitFigures], month: String) -> String {
        let header = [
            "月份", "单位ID", "单位", "受理数", "签收数", "按期签收数", "按期签收率(%)", "办结数", "按期办结数", "按期办结率(%)", "当前超期数",
            "首次答复数", "答复天数中位数", "答复天数90%分位", "答复工作日中位数", "答复工作日90%分位", "评价数", "解决数", "解决率(%)", "满意数",
            "满意率(%)", "重办数", "重办率(%)", "督办次数", "撤回数", "重大事项数", "首接数", "首接后转出数",
        ]
        var lines = [SpreadsheetCSV.line(header)]
        for row in rows {
            lines.append(SpreadsheetCSV.line(fields(row, month: month, unitID: row.unitID.uuidString.lowercased(), unit: SpreadsheetCSV.text(row.unitName ?? ""))))
        }
        lines.append(SpreadsheetCSV.line(fields(total(rows), month: month, unitID: "", unit: "合计")))
        return lines.joined()
    }

    /// The 合计 row's figures: counts summed, rates from the sums, no medians or percentiles (its unit
    /// id is not shown).
    static func total(_ rows: [AppealUnitFigures]) -> AppealUnitFigures {
        func sum(_ figure: KeyPath<AppealUnitFigures, Int>) -> Int { rows.reduce(0) { $0 + $1[keyPath: figure] } }
        let signed = sum(\.signed), signedOnTime = sum(\.signedOnTime)
        let concluded = sum(\.concluded), concludedOnTime = sum(\.concludedOnTime)
        let rated = sum(\.rated), solved = sum(\.solved), satisfied = sum(\.satisfied), reopened = sum(\.reopened)
        return AppealUnitFigures(
            unitID: UUID(), unitName: nil, received: sum(\.received), signed: signed, signedOnTime: signedOnTime,
            signedOnTimeRate: Rate.percent(signedOnTime, of: signed), concluded: concluded, concludedOnTime: concludedOnTime,
            concludedOnTimeRate: Rate.percent(concludedOnTime, of: concluded), overdueNow: sum(\.overdueNow), replied: sum(\.replied),
            medianDaysToReply: nil, p90DaysToReply: nil, medianWorkingDaysToReply: nil, p90WorkingDaysToReply: nil, rated: rated,
            solved: solved, solvedRate: Rate.percent(solved, of: rated), satisfied: satisfied, satisfiedRate: Rate.percent(satisfied, of: rated),
            reopened: reopened, reopenedRate: Rate.percent(reopened, of: rated), escalations: sum(\.escalations), withdrawn: sum(\.withdrawn),
            markedMajor: sum(\.markedMajor), firstResponded: sum(\.firstResponded), reassignedAway: sum(\.reassignedAway))
    }

    static func fields(_ row: AppealUnitFigures, month: String, unitID: String, unit: String) -> [String] {
        [
            month, unitID, unit, String(row.received), String(row.signed), String(row.signedOnTime), row.signedOnTimeRate ?? "",
            String(row.concluded), String(row.concludedOnTime), row.concludedOnTimeRate ?? "", String(row.overdueNow), String(row.replied),
            row.medianDaysToReply ?? "", row.p90DaysToReply ?? "", row.medianWorkingDaysToReply ?? "", row.p90WorkingDaysToReply ?? "",
            String(row.rated), String(row.solved), row.solvedRate ?? "", String(row.satisfied), row.satisfiedRate ?? "", String(row.reopened),
            row.reopenedRate ?? "", String(row.escalations), String(row.withdrawn), String(row.markedMajor), String(row.firstResponded),
            String(row.reassignedAway),
        ]
    }

    /// 诉求办理明细: one row per item, every field of `StatisticsCaseItem`; times in Beijing time
    /// (`2026-03-02 10:00:00`), yes/no as 是/否 (blank when not known yet); kind, category and status as
    /// their codes.
    static func items(_ items: [StatisticsCaseItem]) -> String {
        let header = [
            "ID", "类型", "编号", "标题", "企业名称", "地区代码", "类别", "状态", "承办单位ID", "承办单位", "提交时间", "当前办理期限", "签收时间",
            "逾期签收", "办结时间", "逾期办结", "答复天数", "答复工作日", "已解决", "满意", "曾重办",
        ]
        var lines = [SpreadsheetCSV.line(header)]
        for item in items {
            lines.append(
                SpreadsheetCSV.line([
                    item.id.uuidString.lowercased(), SpreadsheetCSV.text(item.kind), SpreadsheetCSV.text(item.serialNumber),
                    SpreadsheetCSV.text(item.title), SpreadsheetCSV.text(item.enterpriseName), SpreadsheetCSV.text(item.region),
                    SpreadsheetCSV.text(item.category), SpreadsheetCSV.text(item.status),
                    item.unitID?.uuidString.lowercased() ?? "", SpreadsheetCSV.text(item.unitName ?? ""), BeijingTime.secondText(item.submittedAt),
                    item.dueAt.map(BeijingTime.secondText) ?? "", item.signedAt.map(BeijingTime.secondText) ?? "", yes(item.signedLate),
                    item.concludedAt.map(BeijingTime.secondText) ?? "", yes(item.concludedLate), item.daysToReply ?? "", item.workingDaysToReply ?? "",
                    yes(item.solved), yes(item.satisfied), yes(item.reopened),
                ]))
        }
        return lines.joined()
    }

    static func yes(_ value: Bool?) -> String { value.map { $0 ? "是" : "否" } ?? "" }
}
