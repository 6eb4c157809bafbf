import Foundation

/// The performance review as CSV for Excel (`SpreadsheetCSV`): a header row of Chinese labels, then one
/// row per unit (or region). Per indicator four columns: weight, met, counted, rate (blank when nothing
/// was counted); then the month's first replies and their median working days (shown, not scored).
enum PerformanceCSV {
    static func text(_ rows: [PerformanceRow], level: PerformanceStore.Level, indicators: [IndicatorWeight]) -> String {
        var header = ["月份", "排名", level == .unit ? "单位ID" : "地区代码", level == .unit ? "单位" : "地区", "得分", "是否落后", "重点督查", "连续落后月份", "自定权重"]
        for indicator in indicators {
            header += ["\(indicator.name)权重", "\(indicator.name)达标数", "\(indicator.name)统计数", "\(indicator.name)(%)"]
        }
        header += ["首次答复数", "答复工作日中位数"]
        var lines = [SpreadsheetCSV.line(header)]
        for row in rows {
            var fields = [
                row.month, row.rank.map(String.init) ?? "", row.unitID?.uuidString.lowercased() ?? row.region ?? "",
                SpreadsheetCSV.text(row.name ?? ""), row.score ?? "", row.lagging ? "是" : "否", row.keySupervision ? "是" : "否",
                row.laggingMonths.joined(separator: " "), row.ownWeights ? "是" : "否",
            ]
            for indicator in indicators {
                let figure = row.indicators.first { $0.indicator == indicator.indicator }
                fields += [figure?.weight ?? "", figure.map { String($0.met) } ?? "", figure.map { String($0.counted) } ?? "", figure?.rate ?? ""]
            }
            fields += [String(row.firstReplied), row.medianWorkingDaysToReply ?? ""]
            lines.append(SpreadsheetCSV.line(fields))
        }
        return lines.joined()
    }
}
