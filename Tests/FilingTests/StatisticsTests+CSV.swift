@testable import FilingApp
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing
import TestSupport

/// 诉求办理统计表 and 诉求办理明细 as CSV, read back spreadsheet-style (`CSVRows`, as `PerformanceTests`
/// reads the review) against the JSON of the same seeded month (`StatisticsSeed`).
extension StatisticsTests {
    /// The CSV columns of the 统计表 and the JSON fields they show, in order.
    static let figureColumns: [(label: String, field: String)] = [
        ("单位ID", "unitID"), ("单位", "unitName"), ("受理数", "received"), ("签收数", "signed"), ("按期签收数", "signedOnTime"),
        ("按期签收率(%)", "signedOnTimeRate"), ("办结数", "concluded"), ("按期办结数", "concludedOnTime"), ("按期办结率(%)", "concludedOnTimeRate"),
        ("当前超期数", "overdueNow"), ("首次答复数", "replied"), ("答复天数中位数", "medianDaysToReply"), ("答复天数90%分位", "p90DaysToReply"),
        ("答复工作日中位数", "medianWorkingDaysToReply"), ("答复工作日90%分位", "p90WorkingDaysToReply"), ("评价数", "rated"), ("解决数", "solved"),
        ("解决率(%)", "solvedRate"), ("满意数", "satisfied"), ("满意率(%)", "satisfiedRate"), ("重办数", "reopened"), ("重办率(%)", "reopenedRate"),
        ("督办次数", "escalations"), ("撤回数", "withdrawn"), ("重大事项数", "markedMajor"), ("首接数", "firstResponded"),
        ("首接后转出数", "reassignedAway"),
    ]

    /// The 明细's columns and the JSON fields they show (times and yes/no are checked apart).
    static let itemColumns: [(label: String, field: String)] = [
        ("ID", "id"), ("类型", "kind"), ("编号", "serialNumber"), ("标题", "title"), ("企业名称", "enterpriseName"), ("地区代码", "region"),
        ("类别", "category"), ("状态", "status"), ("承办单位ID", "unitID"), ("承办单位", "unitName"), ("答复天数", "daysToReply"),
        ("答复工作日", "workingDaysToReply"),
    ]

    /// A JSON value as the CSV shows it: numbers as written, ids lower case, absent blank.
    static func cell(_ value: Any?) -> String {
        switch value {
        case let number as Int: String(number)
        case let text as String: UUID(uuidString: text) != nil ? text.lowercased() : text
        default: ""
        }
    }

    /// A CSV download: 200, text/csv, the attachment's name, a byte order mark, CRLF line ends; its rows.
    static func download(
        _ harness: FilingHarness, _ client: some TestClientProtocol, _ path: String, as claims: AccessClaims, filename: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [[String]] {
        let response = try await client.execute(
            uri: path, method: .get, headers: [.authorization: try await harness.tokens.bearer(claims)], body: nil)
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "text/csv; charset=utf-8", sourceLocation: sourceLocation)
        #expect(response.headers[.contentDisposition] == "attachment; filename=\"\(filename)\"", sourceLocation: sourceLocation)
        let bytes = Array(response.body.readableBytesView)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], sourceLocation: sourceLocation)
        let lineFeeds = bytes.filter { $0 == 0x0A }.count
        #expect(lineFeeds > 0 && zip(bytes, bytes.dropFirst()).filter { $0.0 == 0x0D && $0.1 == 0x0A }.count == lineFeeds, sourceLocation: sourceLocation)
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("\""), sourceLocation: sourceLocation)  // every field quoted
        return CSVRows.parse(text).map(\.fields)
    }

    /// The seeded March as 诉求办理统计表 and 诉求办理明细, for an inspector (the city) and unit A's admin.
    static func expectCSVs(
        _ harness: FilingHarness, _ client: some TestClientProtocol, seed: StatisticsSeed, inspector: AccessClaims, unitAdminA: AccessClaims
    ) async throws {
        let id = { (uuid: UUID) in uuid.uuidString.lowercased() }
        // The city: every unit's row as the JSON has it, in the JSON's order, then 合计.
        let json = try await harness.call(client, .get, "/statistics/appeals/2026-03", as: inspector).items
        #expect(json.count == 2)
        let table = try await download(harness, client, "/statistics/appeals/2026-03/csv", as: inspector, filename: "appeals-2026-03.csv")
        let header = try #require(table.first)
        #expect(header == ["月份"] + figureColumns.map(\.label))
        #expect(table.count == 1 + json.count + 1)
        for (row, figures) in zip(table.dropFirst(), json) {
            #expect(row == ["2026-03"] + figureColumns.map { cell(figures[$0.field]) })
        }
        #expect(table.dropFirst().prefix(2).map { $0[1] } == json.map { cell($0["unitID"]) })
        // 合计 by hand: A (4 received, signed 2 of 3 on time, concluded 1 of 2 on time, 2 overdue now, 2 first replies,
        // 2 rated: 1 solved, 1 satisfied, 1 reopened; 1 escalation, 1 withdrawn; first responder of A, B, C and E) and B
        // (D: received, signed on time; its first responder): signed 3 of 4 = 75.0; the medians blank.
        let total = try #require(table.last)
        let expectedTotal: [String: String] = [
            "单位ID": "", "单位": "合计", "受理数": "5", "签收数": "4", "按期签收数": "3", "按期签收率(%)": "75.0", "办结数": "2", "按期办结数": "1",
            "按期办结率(%)": "50.0", "当前超期数": "2", "首次答复数": "2", "答复天数中位数": "", "答复天数90%分位": "", "答复工作日中位数": "",
            "答复工作日90%分位": "", "评价数": "2", "解决数": "1", "解决率(%)": "50.0", "满意数": "1", "满意率(%)": "50.0", "重办数": "1",
            "重办率(%)": "50.0", "督办次数": "1", "撤回数": "1", "重大事项数": "0", "首接数": "5", "首接后转出数": "0",
        ]
        #expect(total == ["2026-03"] + figureColumns.map { expectedTotal[$0.label] ?? "?" })
        // The whole table, not a page: paging parameters do not apply.
        let unpaged = try await download(harness, client, "/statistics/appeals/2026-03/csv?size=1", as: inspector, filename: "appeals-2026-03.csv")
        #expect(unpaged.count == 4)
        // The filters as for the JSON: complaints only is B's D.
        let complaints = try await download(
            harness, client, "/statistics/appeals/2026-03/csv?kind=complaint", as: inspector, filename: "appeals-2026-03.csv")
        #expect(complaints.dropFirst().map { $0[1] } == [id(seed.unitB), ""])

        // A unit admin: their unit alone (合计 = their row), another unit a 403, a guest 401.
        let own = try await download(harness, client, "/statistics/appeals/2026-03/csv", as: unitAdminA, filename: "appeals-2026-03.csv")
        #expect(own.count == 3)
        #expect(own[1][1] == id(seed.unitA) && own[1][2] == "市发改委")
        #expect(Array(own[2].dropFirst(3)) == Array(own[1].dropFirst(3)).enumerated().map { index, value in
            header[index + 3].contains("中位数") || header[index + 3].contains("分位") ? "" : value
        })
        #expect(try await harness.call(client, .get, "/statistics/appeals/2026-03/csv?unit=\(seed.unitB)", as: unitAdminA).status == .forbidden)
        #expect(try await harness.call(client, .get, "/statistics/appeals/2026-03/csv", as: nil).status == .unauthorized)

        // 诉求办理明细: exactly the JSON measure's items, in its order, field by field.
        for (measure, unit) in [("received", seed.unitA), ("replied", seed.unitA), ("concludedLate", seed.unitA), ("signed", seed.unitB)] {
            let query = "measure=\(measure)&unit=\(unit)"
            let items = try await harness.call(client, .get, "/statistics/appeals/2026-03/items?\(query)", as: inspector).items
            #expect(!items.isEmpty, "\(measure)")
            let rows = try await download(
                harness, client, "/statistics/appeals/2026-03/items/csv?\(query)", as: inspector, filename: "appeals-2026-03-\(measure).csv")
            let itemHeader = try #require(rows.first)
            #expect(rows.count == items.count + 1, "\(measure)")
            for (row, item) in zip(rows.dropFirst(), items) {
                for column in itemColumns {
                    let index = try #require(itemHeader.firstIndex(of: column.label), "\(column.label)")
                    #expect(row[index] == cell(item[column.field]), "\(measure) \(column.label)")
                }
                let reopened = try #require(itemHeader.firstIndex(of: "曾重办"))
                #expect(row[reopened] == ((item["reopened"] as? Bool) == true ? "是" : "否"))
            }
        }
        let received = try await download(
            harness, client, "/statistics/appeals/2026-03/items/csv?measure=received&unit=\(seed.unitA)", as: inspector,
            filename: "appeals-2026-03-received.csv")
        #expect(received.first?.count == 21)
        #expect(received.dropFirst().map { $0[0] } == [id(seed.caseE), id(seed.caseA), id(seed.caseB), id(seed.caseC)])
        // Beijing time: E submitted 2026-02-28 17:00 UTC; A 2 March 02:00 UTC, signed 06:00 UTC on time; B signed late.
        #expect(received.dropFirst().map { $0[10] } == ["2026-03-01 01:00:00", "2026-03-02 10:00:00", "2026-03-03 10:00:00", "2026-03-20 10:00:00"])
        #expect(received[2][12] == "2026-03-02 14:00:00" && received[2][13] == "否")
        #expect(received[3][13] == "是")
        #expect(received[1][13] == "" && received[1][12] == "")  // E was never signed
        #expect(received[2][18] == "是" && received[2][19] == "是" && received[3][18] == "否")  // A solved and satisfied; B neither
        #expect(received.dropFirst().allSatisfy { $0[4] == "平顶山示范制造有限公司" })
        let adminItems = try await download(
            harness, client, "/statistics/appeals/2026-03/items/csv?measure=concludedLate", as: unitAdminA,
            filename: "appeals-2026-03-concludedLate.csv")
        #expect(adminItems.dropFirst().map { $0[0] } == [id(seed.caseB)])
        let otherItems = try await harness.call(client, .get, "/statistics/appeals/2026-03/items/csv?measure=received&unit=\(seed.unitB)", as: unitAdminA)
        #expect(otherItems.status == .forbidden)
    }
}
