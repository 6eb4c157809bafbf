import Foundation

/// The printable performance pages (HTML with inline SVG charts from `PerformanceCharts`; no
/// external assets, no script): the city's month, one unit's month, and a unit's public page.
enum PerformancePage {
    /// The city's month: ranking bars, the units' score trends, on-time rates by region, the table.
    static func city(
        month: String, rows: [PerformanceRow], history: [String: [PerformanceRow]], months: [String], regions: [PerformanceRow],
        rules: PerformanceRules
    ) -> String {
        let escape = PerformanceCharts.escape
        var body = "<h1>绩效评估月报 \(escape(month))</h1>" + rulesLine(rules)
        let ranking = PerformanceCharts.rankingBars(
            rows.map { .init(label: label($0), value: $0.score, highlighted: $0.lagging) }, threshold: rules.laggingBelow,
            title: "单位得分排名（红色为落后单位）")
        body += "<section>\(ranking)</section>"
        let shown = Array(rows.prefix(PerformanceCharts.palette.count))
        let series = shown.map { row in
            PerformanceCharts.Series(
                label: label(row),
                values: months.map { past in history[past]?.first { $0.unitID == row.unitID }?.score })
        }
        body += "<section>\(PerformanceCharts.trendLines(series, months: months, title: "月度得分走势（排名前\(shown.count)的单位）"))</section>"
        let regionBars = regions.map { region in
            PerformanceCharts.Bar(label: label(region), value: region.indicators.first { $0.indicator == .concludedOnTime }?.rate)
        }
        body += "<section>\(PerformanceCharts.columns(regionBars, title: "各地区按期办结率（%）"))</section>"
        let key = rows.filter(\.keySupervision)
        body += "<h2>重点督查单位</h2>"
        body += key.isEmpty
            ? "<p>无。</p>"
            : "<ul>" + key.map { "<li>\(escape(label($0)))：连续落后 \(escape($0.laggingMonths.joined(separator: "、")))</li>" }.joined() + "</ul>"
        body += table(rows, rules: rules)
        return document(title: "绩效评估月报 \(month)", body: body)
    }

    /// One unit's month: its score and indicator rates over the months, and its row.
    static func unit(month: String, unitID: UUID, history: [String: [PerformanceRow]], months: [String], rules: PerformanceRules) -> String {
        let escape = PerformanceCharts.escape
        let rows = months.map { past in history[past]?.first { $0.unitID == unitID } }
        let current = rows.last ?? nil
        let name = rows.compactMap { $0?.name }.last ?? unitID.uuidString.lowercased()
        var body = "<h1>\(escape(name)) 绩效评估 \(escape(month))</h1>" + rulesLine(rules)
        if let current {
            body += "<p>得分 <strong>\(escape(current.score ?? "—"))</strong>，排名第 \(current.rank.map(String.init) ?? "—") 名"
                + (current.lagging ? "，<strong>落后</strong>" : "")
                + (current.keySupervision ? "，<strong>重点督查</strong>（\(escape(current.laggingMonths.joined(separator: "、")))）" : "") + "。</p>"
        } else {
            body += "<p>本月无统计数据。</p>"
        }
        var series = [PerformanceCharts.Series(label: "得分", values: rows.map { $0?.score })]
        for weight in rules.weights {
            series.append(.init(label: weight.name, values: rows.map { row in row?.indicators.first { $0.indicator == weight.indicator }?.rate }))
        }
        body += "<section>\(PerformanceCharts.trendLines(series, months: months, title: "月度得分与各项指标走势（%）"))</section>"
        if let current {
            let bars = current.indicators.map { PerformanceCharts.Bar(label: $0.name, value: $0.rate) }
            body += "<section>\(PerformanceCharts.rankingBars(bars, threshold: rules.laggingBelow, title: "本月各项指标（%）"))</section>"
        }
        body += table(rows.compactMap { $0 }.reversed(), rules: rules, monthColumn: true)
        return document(title: "\(name) 绩效评估 \(month)", body: body)
    }

    /// A unit's public page (the city's scoreboard): volume, on-time share, median days, satisfaction.
    static func publicUnit(_ performance: PublicUnitPerformance) -> String {
        let escape = PerformanceCharts.escape
        let name = performance.name ?? performance.unitID.uuidString.lowercased()
        let months = performance.months.map(\.month)
        var body = "<h1>\(escape(name)) 办理情况公示</h1>"
        let rates = [
            PerformanceCharts.Series(label: "按期办结率", values: performance.months.map(\.concludedOnTimeRate)),
            PerformanceCharts.Series(label: "满意率", values: performance.months.map(\.satisfiedRate)),
        ]
        body += "<section>\(PerformanceCharts.trendLines(rates, months: months, title: "按期办结率与满意率（%）"))</section>"
        let most = max(1, performance.months.map(\.received).max() ?? 1)
        let volume = performance.months.map { month in
            PerformanceCharts.Bar(label: String(month.month.suffix(2)) + "月", value: PerformanceCharts.text(Decimal(month.received) * 100 / Decimal(most)))
        }
        body += "<section>\(PerformanceCharts.columns(volume, title: "每月受理量（相对最多月份，%）"))</section>"
        body += "<table><thead><tr><th>月份</th><th>受理</th><th>办结</th><th>按期办结率</th><th>答复用时中位数（天）</th><th>答复用时中位数（工作日）</th><th>评价</th><th>满意率</th></tr></thead><tbody>"
        for month in performance.months.reversed() {
            body += "<tr><td>\(escape(month.month))</td><td>\(month.received)</td><td>\(month.concluded)</td>"
                + "<td>\(escape(month.concludedOnTimeRate ?? "—"))</td><td>\(escape(month.medianDaysToReply ?? "—"))</td>"
                + "<td>\(escape(month.medianWorkingDaysToReply ?? "—"))</td>"
                + "<td>\(month.rated)</td><td>\(escape(month.satisfiedRate ?? "—"))</td></tr>"
        }
        body += "</tbody></table>"
        return document(title: "\(name) 办理情况公示", body: body)
    }

    static func label(_ row: PerformanceRow) -> String { row.name ?? row.region ?? row.unitID?.uuidString.lowercased() ?? "" }

    static func rulesLine(_ rules: PerformanceRules) -> String {
        let weights = rules.weights.map { "\($0.name) \($0.weight)%" }.joined(separator: "，")
        return "<p class=\"rules\">权重：\(PerformanceCharts.escape(weights))。得分低于 \(PerformanceCharts.escape(rules.laggingBelow)) 为落后，"
            + "连续 \(rules.consecutiveMonths) 个月落后列为重点督查。</p>"
    }

    static func table(_ rows: [PerformanceRow], rules: PerformanceRules, monthColumn: Bool = false) -> String {
        let escape = PerformanceCharts.escape
        var html = "<table><thead><tr>" + (monthColumn ? "<th>月份</th>" : "<th>排名</th><th>名称</th>") + "<th>得分</th><th>落后</th><th>重点督查</th>"
        html += rules.weights.map { "<th>\(escape($0.name))</th>" }.joined() + "<th>答复工作日中位数（首次答复数）</th></tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + (monthColumn ? "<td>\(escape(row.month))</td>" : "<td>\(row.rank.map(String.init) ?? "—")</td><td>\(escape(label(row)))</td>")
            html += "<td>\(escape(row.score ?? "—"))</td><td>\(row.lagging ? "是" : "否")</td><td>\(row.keySupervision ? "是" : "否")</td>"
            for weight in rules.weights {
                let figure = row.indicators.first { $0.indicator == weight.indicator }
                html += "<td>\(escape(figure?.rate ?? "—"))（\(figure?.met ?? 0)/\(figure?.counted ?? 0)）</td>"
            }
            html += "<td>\(escape(row.medianWorkingDaysToReply ?? "—"))（\(row.firstReplied)）</td>"
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(PerformanceCharts.escape(title))</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 20px; } h2 { font-size: 16px; } section { margin: 16px 0; page-break-inside: avoid; }
        table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; }
        @media print { body { margin: 0; } }
        </style></head>
        <body>\(body)</body></html>
        """
    }
}
