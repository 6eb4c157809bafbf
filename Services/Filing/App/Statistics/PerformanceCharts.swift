import Foundation

/// Server-rendered SVG charts for the printable performance pages: every chart is inline SVG with
/// its own width, height and viewBox, no external assets and no script. Values are percentages
/// (0–100) as decimal strings; coordinates are computed in `Decimal` and written with one decimal.
enum PerformanceCharts {
    /// One bar of a bar chart.
    struct Bar {
        var label: String
        var value: String?
        var highlighted = false
    }

    /// One line of a trend chart: a value (or none) per month.
    struct Series {
        var label: String
        var values: [String?]
    }

    static let palette = ["#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#148f77", "#5d6d7e", "#a04000"]

    /// Horizontal bars, best first, with a dashed line at `threshold` (`class="bar"` per bar).
    static func rankingBars(_ bars: [Bar], threshold: String?, title: String) -> String {
        let labelWidth = 170, chartWidth = 420, rowHeight = 26, top = 30
        let height = top + max(1, bars.count) * rowHeight + 20
        let width = labelWidth + chartWidth + 60
        var svg = open(width: width, height: height, title: title, kind: "ranking")
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = scaled(bar.value, to: chartWidth)
            let fill = bar.highlighted ? "#c0392b" : "#1f5fa8"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" font-size=\"13\">\(escape(bar.label))</text>"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"\(rowHeight - 8)\" fill=\"\(fill)\"/>"
            svg += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 17)\" dx=\"\(length)\" font-size=\"12\">\(escape(bar.value ?? "—"))</text>"
        }
        if let threshold {
            let x = Decimal(labelWidth) + scaledDecimal(threshold, to: chartWidth)
            svg += "<line class=\"threshold\" x1=\"\(text(x))\" y1=\"\(top - 6)\" x2=\"\(text(x))\" y2=\"\(height - 14)\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(text(x))\" y=\"\(top - 10)\" text-anchor=\"middle\" font-size=\"11\">\(escape(threshold))</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical bars (say, on-time rates by region; `class="column"` per bar).
    static func columns(_ bars: [Bar], title: String) -> String {
        let columnWidth = 56, chartHeight = 200, left = 40, top = 30
        let width = left + max(1, bars.count) * columnWidth + 20
        let height = top + chartHeight + 60
        var svg = open(width: width, height: height, title: title, kind: "columns")
        svg += axis(left: left, top: top, width: width - left - 10, height: chartHeight)
        for (index, bar) in bars.enumerated() {
            let x = left + index * columnWidth + 8
            let length = scaledDecimal(bar.value, to: chartHeight)
            let y = Decimal(top + chartHeight) - length
            svg += "<rect class=\"column\" x=\"\(x)\" y=\"\(text(y))\" width=\"\(columnWidth - 16)\" height=\"\(text(length))\" fill=\"#2e8b57\"/>"
            svg += "<text x=\"\(x + (columnWidth - 16) / 2)\" y=\"\(text(y - 4))\" text-anchor=\"middle\" font-size=\"11\">\(escape(bar.value ?? "—"))</text>"
            svg += "<text x=\"\(x + (columnWidth - 16) / 2)\" y=\"\(top + chartHeight + 16)\" text-anchor=\"middle\" font-size=\"11\">\(escape(bar.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Lines over months (`class="trend"` per line; a gap where a month has no value).
    static func trendLines(_ series: [Series], months: [String], title: String) -> String {
        let left = 40, top = 30, chartWidth = 520, chartHeight = 200, legendRow = 18
        let width = left + chartWidth + 30
        let height = top + chartHeight + 40 + series.count * legendRow
        var svg = open(width: width, height: height, title: title, kind: "trend")
        svg += axis(left: left, top: top, width: chartWidth, height: chartHeight)
        let step = months.count > 1 ? Decimal(chartWidth) / Decimal(months.count - 1) : 0
        for (index, month) in months.enumerated() where index % 2 == (months.count - 1) % 2 {
            let x = Decimal(left) + step * Decimal(index)
            svg += "<text x=\"\(text(x))\" y=\"\(top + chartHeight + 16)\" text-anchor=\"middle\" font-size=\"10\">\(escape(month))</text>"
        }
        for (number, line) in series.enumerated() {
            let color = palette[number % palette.count]
            var points: [String] = []
            for (index, value) in line.values.enumerated() {
                guard value != nil else { continue }
                let x = Decimal(left) + step * Decimal(index)
                let y = Decimal(top + chartHeight) - scaledDecimal(value, to: chartHeight)
                points.append("\(text(x)),\(text(y))")
            }
            if points.count == 1 { points.append(points[0]) }
            if !points.isEmpty {
                svg += "<polyline class=\"trend\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
                for point in Set(points).sorted() {
                    let xy = point.split(separator: ",")
                    svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(color)\"/>"
                }
            }
            let y = top + chartHeight + 30 + number * legendRow
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(left + 18)\" y=\"\(y + 11)\" font-size=\"12\">\(escape(line.label))</text>"
        }
        return svg + "</svg>"
    }

    static func open(width: Int, height: Int, title: String, kind: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(kind)\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
            + "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
    }

    /// The 0 and 100 % lines of a chart.
    static func axis(left: Int, top: Int, width: Int, height: Int) -> String {
        "<line x1=\"\(left)\" y1=\"\(top + height)\" x2=\"\(left + width)\" y2=\"\(top + height)\" stroke=\"#999\"/>"
            + "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left + width)\" y2=\"\(top)\" stroke=\"#ddd\"/>"
            + "<text x=\"\(left - 4)\" y=\"\(top + 4)\" text-anchor=\"end\" font-size=\"10\">100</text>"
            + "<text x=\"\(left - 4)\" y=\"\(top + height + 4)\" text-anchor=\"end\" font-size=\"10\">0</text>"
    }

    /// `value` (0–100) as a length out of `full`, one decimal; 0 when absent.
    static func scaled(_ value: String?, to full: Int) -> String { text(scaledDecimal(value, to: full)) }

    static func scaledDecimal(_ value: String?, to full: Int) -> Decimal {
        guard let number = value.flatMap(number) else { return 0 }
        return min(max(number, 0), 100) * Decimal(full) / 100
    }

    /// A plain-notation decimal, or nil.
    static func number(_ text: String) -> Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }

    static func text(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return "\(rounded)"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
