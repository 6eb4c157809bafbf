import Contracts
import Foundation

/// The published catalogue (已发布政策清单目录) as CSV text (RFC 4180 quoting; dates in China time).
enum PolicyCatalogue {
    static let header = ["政策标题", "文号", "发布机构", "行政区划", "出台时间", "发布时间", "政策类型", "奖补类型", "标签", "发布用时(小时)", "超时"]

    static func csv(_ rows: [PolicyListItem]) -> String {
        var lines = [header.map(field).joined(separator: ",")]
        for row in rows {
            lines.append(
                [
                    row.title, row.documentNumber, row.agencyName, row.region, day(row.issuedAt), day(row.publishedAt), row.policyType,
                    row.subsidyType ?? "", row.tags.joined(separator: "、"), row.hoursToPublish ?? "", row.late ? "是" : "否",
                ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        // A leading = + - @ would be a formula in a spreadsheet: prefix it with a quote.
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!).year().month().day().dateSeparator(.dash))
    }
}
