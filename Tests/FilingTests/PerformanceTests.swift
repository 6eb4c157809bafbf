@testable import FilingApp
import Contracts
import Foundation
import HummingbirdTesting
import ServiceKit
import Testing
import TestSupport

/// The monthly performance review (绩效评估) from events on the real topics (see `PerformanceSeed`
/// for the months and the hand computation), and its rules as data.
@Suite("The monthly performance review", .serialized)
struct PerformanceTests {
    // Its consumer reads the appeals and policy topics from the beginning, and its rebuild refolds every case it
    // stored: a broker of its own holds only this test's events (on the shared ones, every other suite's too).
    @Test("units and regions ranked on the weighted score; lagging and 重点督查 with the months; rules changed by admins change the review", .ownBroker)
    func seededReview() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let seed = PerformanceSeed()
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        let adminP = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: seed.unitP)
        let adminQ = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: seed.unitQ)
        try await StatisticsSeed.publish(try seed.events())
        try await harness.service.application().test(.live) { client in
            func review(_ month: String, by: String = "unit", as claims: AccessClaims = inspector) async throws -> [[String: Any]] {
                try await harness.call(client, .get, "/statistics/performance/\(month)?by=\(by)", as: claims).items
            }
            @Sendable func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
            func row(_ rows: [[String: Any]], _ unit: UUID) -> [String: Any]? {
                rows.first { ($0["unitID"] as? String)?.lowercased() == id(unit) }
            }
            let applied = await StatisticsTests.eventually {
                let march = (try? await review("2025-03")) ?? []
                let february = (try? await review("2025-02")) ?? []
                let january = (try? await review("2025-01")) ?? []
                return march.count == 3 && row(march, seed.unitP)?["score"] as? String == "33.3" && row(march, seed.unitQ)?["score"] as? String == "60.0"
                    && row(march, seed.unitR)?["score"] as? String == "100.0" && february.count == 1 && january.count == 1
            }
            #expect(applied)

            // March, default rules: R 100.0, Q 60.0 (at the threshold: not lagging), P 33.3 lagging since February.
            let march = try await review("2025-03")
            #expect(march.compactMap { ($0["unitID"] as? String)?.lowercased() } == [id(seed.unitR), id(seed.unitQ), id(seed.unitP)])
            #expect(march.compactMap { $0["rank"] as? Int } == [1, 2, 3])
            #expect(march.compactMap { $0["name"] as? String } == ["市水利局", "市交通局", "市住建局"])
            let p = try #require(row(march, seed.unitP))
            #expect(p["lagging"] as? Bool == true)
            #expect(p["keySupervision"] as? Bool == true)
            #expect(p["laggingMonths"] as? [String] == ["2025-02", "2025-03"])
            let pIndicators = try #require(p["indicators"] as? [[String: Any]])
            #expect(pIndicators.compactMap { $0["indicator"] as? String } == ["concludedOnTime", "signedOnTime", "satisfied", "policyWithin24Hours"])
            #expect(pIndicators.compactMap { $0["weight"] as? String } == ["40.00", "20.00", "20.00", "20.00"])
            #expect(pIndicators[0]["met"] as? Int == 0 && pIndicators[0]["counted"] as? Int == 1 && pIndicators[0]["rate"] as? String == "0.0")
            #expect(pIndicators[1]["rate"] as? String == "100.0")
            #expect(pIndicators[2]["counted"] as? Int == 0 && pIndicators[2]["rate"] == nil)
            let q = try #require(row(march, seed.unitQ))
            #expect(q["lagging"] as? Bool == false && q["keySupervision"] as? Bool == false && q["laggingMonths"] as? [String] == [])
            let qPolicy = try #require((q["indicators"] as? [[String: Any]])?.last)
            #expect(qPolicy["met"] as? Int == 0 && qPolicy["counted"] as? Int == 1)
            #expect(row(march, seed.unitR)?["lagging"] as? Bool == false)
            // Shown, not scored: the month's first replies and their median working days, as on the public page
            // (2025 calendar: P3 5 → 14 March, 6–7 and 10–14, 7; Q1 and R1 5 → 10 March, 6, 7 and 10, 3).
            #expect(march.compactMap { $0["firstReplied"] as? Int } == [1, 1, 1])
            #expect(march.map { $0["medianWorkingDaysToReply"] as? String } == ["3", "3", "7"])

            // February: P alone, lagging for the first month (not yet 重点督查); January: 100.0.
            let february = try #require(try await review("2025-02").first)
            #expect(february["score"] as? String == "0.0" && february["rank"] as? Int == 1)
            #expect(february["lagging"] as? Bool == true && february["keySupervision"] as? Bool == false)
            #expect(february["laggingMonths"] as? [String] == ["2025-02"])
            #expect(february["medianWorkingDaysToReply"] as? String == "8" && february["firstReplied"] as? Int == 1)
            let january = try #require(try await review("2025-01").first)
            #expect(january["score"] as? String == "100.0")
            #expect(january["medianWorkingDaysToReply"] as? String == "5" && january["firstReplied"] as? Int == 1)
            #expect(try await review("2025-04").isEmpty)

            // Regions in March: 鲁山县 70.0, 叶县 33.3 and 重点督查 since February.
            let regions = try await review("2025-03", by: "region")
            #expect(regions.compactMap { $0["region"] as? String } == ["410423", "410422"])
            #expect(regions.compactMap { $0["name"] as? String } == ["鲁山县", "叶县"])
            #expect(regions.compactMap { $0["score"] as? String } == ["70.0", "33.3"])
            #expect(regions.last?["keySupervision"] as? Bool == true)
            #expect(regions.last?["laggingMonths"] as? [String] == ["2025-02", "2025-03"])
            #expect(regions.first?["lagging"] as? Bool == false)
            // 鲁山县: Q1 and R1, 3 and 3; 叶县: P3, 7.
            #expect(regions.compactMap { $0["firstReplied"] as? Int } == [2, 1])
            #expect(regions.map { $0["medianWorkingDaysToReply"] as? String } == ["3", "7"])

            // A unit admin reads their own row, ranked among all; no regions.
            let own = try await harness.call(client, .get, "/statistics/performance/2025-03", as: adminP)
            #expect(own.status == .ok && own.body["total"] as? Int == 1)
            #expect(own.items.first?["rank"] as? Int == 3)
            #expect(try await harness.call(client, .get, "/statistics/performance/2025-03?unit=\(seed.unitQ)", as: adminP).status == .forbidden)
            #expect(try await harness.call(client, .get, "/statistics/performance/2025-03?by=region", as: adminP).status == .forbidden)
            let paged = try await harness.call(client, .get, "/statistics/performance/2025-03?size=1&page=2", as: inspector)
            #expect(paged.body["total"] as? Int == 3)
            #expect(paged.items.compactMap { ($0["unitID"] as? String)?.lowercased() } == [id(seed.unitQ)])

            // The same review as CSV for Excel, read back column by column.
            let csv = try await client.execute(
                uri: "/statistics/performance/2025-03/csv", method: .get, headers: [.authorization: try await harness.tokens.bearer(inspector)],
                body: nil)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"performance-2025-03-unit.csv\"")
            let bytes = Array(csv.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(bytes.filter { $0 == 0x0A }.count == 4)  // a header and three rows, each ending in CRLF
            #expect(zip(bytes, bytes.dropFirst()).filter { $0.1 == 0x0A && $0.0 == 0x0D }.count == 4)
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("\"月份\",\"排名\",\"单位ID\",\"单位\",\"得分\""))
            let table = CSVRows.parse(text).map(\.fields)
            let header = try #require(table.first)
            #expect(header.count == 27)  // 9, four per indicator, the first replies and their median
            func column(_ name: String) throws -> [String] {
                let index = try #require(header.firstIndex(of: name), "\(name)")
                return table.dropFirst().map { $0[index] }
            }
            #expect(try column("排名") == ["1", "2", "3"])
            #expect(try column("单位") == ["市水利局", "市交通局", "市住建局"])
            #expect(try column("单位ID") == [id(seed.unitR), id(seed.unitQ), id(seed.unitP)])
            #expect(try column("得分") == ["100.0", "60.0", "33.3"])
            #expect(try column("是否落后") == ["否", "否", "是"])
            #expect(try column("重点督查") == ["否", "否", "是"])
            #expect(try column("连续落后月份") == ["", "", "2025-02 2025-03"])
            #expect(try column("按期办结率权重") == ["40.00", "40.00", "40.00"])
            #expect(try column("按期办结率统计数") == ["1", "1", "1"])
            #expect(try column("按期办结率(%)") == ["100.0", "100.0", "0.0"])
            #expect(try column("满意率(%)") == ["100.0", "0.0", ""])
            #expect(try column("政策24小时内发布率统计数") == ["0", "1", "0"])
            #expect(try column("首次答复数") == ["1", "1", "1"])
            #expect(try column("答复工作日中位数") == ["3", "3", "7"])
            #expect(Array(header.suffix(2)) == ["首次答复数", "答复工作日中位数"])
            let regionCSV = try await harness.call(client, .get, "/statistics/performance/2025-03/csv?by=region", as: inspector)
            #expect(CSVRows.parse(String(regionCSV.text.drop { $0 == "\u{FEFF}" })).map { $0.fields[3] } == ["地区", "鲁山县", "叶县"])
            let ownCSV = try await harness.call(client, .get, "/statistics/performance/2025-03/csv", as: adminP)
            #expect(CSVRows.parse(ownCSV.text).count == 2)
            #expect(try await harness.call(client, .get, "/statistics/performance/2025-03/csv?by=region", as: adminP).status == .forbidden)

            // The printable page: inline SVG charts (ranking bars, score trends, on-time rates by region), no script or external asset.
            let page = try await client.execute(
                uri: "/statistics/performance/2025-03/html", method: .get, headers: [.authorization: try await harness.tokens.bearer(inspector)],
                body: nil)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: page.body)
            #expect(Self.count("class=\"bar\"", in: html) == 3)
            #expect(Self.count("class=\"trend\"", in: html) == 3)
            #expect(Self.count("class=\"column\"", in: html) == 2)
            #expect(html.contains("<h1>绩效评估月报 2025-03</h1>"))
            #expect(html.contains("市住建局：连续落后 2025-02、2025-03"))
            #expect(html.contains("<th>答复工作日中位数（首次答复数）</th></tr>"))
            #expect(Self.count("<td>3（1）</td></tr>", in: html) == 2 && Self.count("<td>7（1）</td></tr>", in: html) == 1)
            Self.expectSelfContained(html)
            // The ranking bars are as long as the scores (420 px = 100).
            #expect(html.contains("width=\"420\" height=\"18\" fill=\"#1f5fa8\""))
            #expect(html.contains("width=\"252\" height=\"18\" fill=\"#1f5fa8\""))
            #expect(html.contains("width=\"139.9\" height=\"18\" fill=\"#c0392b\""))
            let unitPage = try await client.execute(
                uri: "/statistics/performance/2025-03/html", method: .get, headers: [.authorization: try await harness.tokens.bearer(adminP)],
                body: nil)
            let unitHTML = String(buffer: unitPage.body)
            #expect(unitPage.status == .ok)
            #expect(unitHTML.contains("<h1>市住建局 绩效评估 2025-03</h1>"))
            #expect(unitHTML.contains("重点督查</strong>（2025-02、2025-03）"))
            #expect(!unitHTML.contains("市交通局"))
            // P's table, newest month first: 7, 8 and 5 working days.
            let unitCells = unitHTML.components(separatedBy: "（1）</td></tr>").dropLast().map { $0.components(separatedBy: "<td>").last ?? "" }
            #expect(unitCells == ["7", "8", "5"])
            #expect(Self.count("class=\"trend\"", in: unitHTML) == 4)  // the score and three indicators (no policy of P was counted)
            Self.expectSelfContained(unitHTML)

            // The public page and its JSON, for guests: per month, volume, on-time share, median days, satisfaction.
            let publicFigures = try await harness.call(client, .get, "/public/performance/units/\(seed.unitP)?month=2025-03", as: nil)
            #expect(publicFigures.status == .ok)
            #expect(publicFigures.body["name"] as? String == "市住建局")
            let publicMonths = try #require(publicFigures.body["months"] as? [[String: Any]])
            #expect(publicMonths.count == 12 && publicMonths.first?["month"] as? String == "2024-04")
            let lastThree = Array(publicMonths.suffix(3))
            #expect(lastThree.compactMap { $0["month"] as? String } == ["2025-01", "2025-02", "2025-03"])
            #expect(lastThree.compactMap { $0["received"] as? Int } == [1, 1, 1])
            #expect(lastThree.compactMap { $0["concludedOnTimeRate"] as? String } == ["100.0", "0.0", "0.0"])
            #expect(lastThree.compactMap { $0["medianDaysToReply"] as? String } == ["5.0", "9.0", "9.0"])
            // Working days after the 5th through the reply's day on the 2025 calendar: 6–10 January; 6–7, 8
            // (调休 Saturday) and 10–14 February; 6–7 and 10–14 March.
            #expect(lastThree.compactMap { $0["medianWorkingDaysToReply"] as? String } == ["5", "8", "7"])
            #expect(lastThree.map { $0["satisfiedRate"] as? String } == ["100.0", "0.0", nil])
            #expect(publicMonths.first?["received"] as? Int == 0 && publicMonths.first?["concludedOnTimeRate"] == nil)
            #expect(!publicFigures.text.contains("平顶山绩效示范有限公司") && !publicFigures.text.contains("SQ2025"))
            #expect(try await harness.call(client, .get, "/public/performance/units/\(UUID())", as: nil).status == .notFound)
            #expect(try await harness.call(client, .get, "/public/performance/units/\(seed.unitP)?month=2025-3", as: nil).errorField == "month")
            let publicPage = try await harness.call(client, .get, "/public/performance/units/\(seed.unitP)/html?month=2025-03", as: nil)
            #expect(publicPage.status == .ok)
            #expect(publicPage.text.contains("<h1>市住建局 办理情况公示</h1>"))
            #expect(Self.count("class=\"trend\"", in: publicPage.text) == 2)
            #expect(Self.count("class=\"column\"", in: publicPage.text) == 12)
            #expect(!publicPage.text.contains("平顶山绩效示范有限公司"))
            Self.expectSelfContained(publicPage.text)

            // Both pages rendered by headless Chromium: the screenshots are not blank and show the charts' colours
            // (blue and red ranking bars, green region columns; the public page's two trend colours and its green
            // volume columns), and the chart elements are laid out at their sizes.
            let cityShot = try HeadlessChromium.screenshot(html, width: 900, height: 1400, colors: ["#1f5fa8", "#c0392b", "#2e8b57"])
            #expect(cityShot.width == 900 && cityShot.height == 1400)
            #expect(cityShot.nonWhite > 20_000)
            #expect(cityShot.colors == ["#1f5fa8", "#c0392b", "#2e8b57"])
            let cityBoxes = try HeadlessChromium.layout(html)
            #expect(cityBoxes.filter { $0.kind.hasPrefix("svg.") }.map(\.kind) == ["svg.ranking", "svg.trend", "svg.columns"])
            #expect(cityBoxes.filter { $0.kind.hasPrefix("svg.") }.allSatisfy { $0.width >= 150 && $0.height >= 100 })
            let bars = cityBoxes.filter { $0.kind == "rect.bar" }
            #expect(bars.count == 3)
            for (bar, expected) in zip(bars, [420.0, 252.0, 139.9]) { #expect(abs(bar.width - expected) < 0.5 && bar.height == 18) }
            let columns = cityBoxes.filter { $0.kind == "rect.column" }
            #expect(columns.count == 2)
            #expect(columns.map { $0.height.rounded() } == [200, 0])  // 鲁山县 100 %, 叶县 0 % concluded on time
            let trends = cityBoxes.filter { $0.kind == "polyline.trend" }
            #expect(trends.count == 3)
            #expect(trends.filter { $0.width > 50 && $0.height > 50 }.count == 1)  // P's: 100, 0, 33.3 over three months (Q and R: a point)

            let publicShot = try HeadlessChromium.screenshot(publicPage.text, width: 900, height: 1200, colors: ["#1f5fa8", "#c0392b", "#2e8b57"])
            #expect(publicShot.nonWhite > 10_000)
            #expect(publicShot.colors == ["#1f5fa8", "#c0392b", "#2e8b57"])
            let publicBoxes = try HeadlessChromium.layout(publicPage.text)
            #expect(publicBoxes.filter { $0.kind.hasPrefix("svg.") }.map(\.kind) == ["svg.trend", "svg.columns"])
            #expect(publicBoxes.filter { $0.kind == "polyline.trend" }.allSatisfy { $0.width > 20 })
            let volume = publicBoxes.filter { $0.kind == "rect.column" }
            #expect(volume.count == 12)
            #expect(volume.suffix(3).map { $0.height.rounded() } == [200, 200, 200])  // one item a month, the most of any month

            // The city raises the threshold to 70 and asks 3 months in a row: Q lags (March only), P no longer 重点督查.
            let cityRules: [String: Any] = [
                "weights": ["concludedOnTime": "40", "signedOnTime": "20", "satisfied": "20", "policyWithin24Hours": "20"],
                "laggingBelow": "70", "consecutiveMonths": 3,
            ]
            #expect(try await harness.call(client, .put, "/statistics/performance-rules", as: inspector, json: cityRules).status == .forbidden)
            let changed = try await harness.call(client, .put, "/statistics/performance-rules", as: harness.platformAdmin, json: cityRules)
            #expect(changed.status == .ok)
            #expect(changed.body["laggingBelow"] as? String == "70.00" && changed.body["consecutiveMonths"] as? Int == 3)
            let stricter = try await review("2025-03")
            #expect(row(stricter, seed.unitQ)?["lagging"] as? Bool == true)
            #expect(row(stricter, seed.unitQ)?["laggingMonths"] as? [String] == ["2025-03"])
            #expect(row(stricter, seed.unitP)?["lagging"] as? Bool == true)
            #expect(row(stricter, seed.unitP)?["keySupervision"] as? Bool == false)

            // Q's admin weighs Q's own way (art. 11): (50×100 + 25×100 + 25×0 + 0×0) / 100 = 75.0, not lagging.
            let qWeights: [String: Any] = ["weights": ["concludedOnTime": "50", "signedOnTime": "25", "satisfied": "25", "policyWithin24Hours": "0"]]
            #expect(try await harness.call(client, .put, "/statistics/performance-rules/units/\(seed.unitP)", as: adminQ, json: qWeights).status == .forbidden)
            #expect(try await harness.call(client, .put, "/statistics/performance-rules/units/\(seed.unitQ)", as: harness.cityStatistician, json: qWeights).status == .forbidden)
            let ownQ = try await harness.call(client, .put, "/statistics/performance-rules/units/\(seed.unitQ)", as: adminQ, json: qWeights)
            #expect(ownQ.status == .ok && ownQ.body["ownWeights"] as? Bool == true)
            let weighted = try await review("2025-03")
            #expect(weighted.compactMap { ($0["unitID"] as? String)?.lowercased() } == [id(seed.unitR), id(seed.unitQ), id(seed.unitP)])
            #expect(row(weighted, seed.unitQ)?["score"] as? String == "75.0")
            #expect(row(weighted, seed.unitQ)?["lagging"] as? Bool == false)
            #expect(row(weighted, seed.unitQ)?["ownWeights"] as? Bool == true)
            #expect(row(weighted, seed.unitP)?["score"] as? String == "33.3")
            let qRules = try await harness.call(client, .get, "/statistics/performance-rules?unit=\(seed.unitQ)", as: inspector)
            #expect((qRules.body["weights"] as? [[String: Any]])?.compactMap { $0["weight"] as? String } == ["50.00", "25.00", "25.00", "0.00"])
            let qOwnView = try await harness.call(client, .get, "/statistics/performance-rules", as: adminQ)
            #expect(qOwnView.body["ownWeights"] as? Bool == true)
            let cityView = try await harness.call(client, .get, "/statistics/performance-rules", as: inspector)
            #expect(cityView.body["ownWeights"] as? Bool == false && cityView.body["laggingBelow"] as? String == "70.00")

            // Back to the city's weights; a second removal finds none.
            let removed = try await harness.call(client, .delete, "/statistics/performance-rules/units/\(seed.unitQ)", as: harness.platformAdmin)
            #expect(removed.status == .ok && removed.body["ownWeights"] as? Bool == false)
            #expect(try await harness.call(client, .delete, "/statistics/performance-rules/units/\(seed.unitQ)", as: adminQ).status == .notFound)
            #expect(row(try await review("2025-03"), seed.unitQ)?["score"] as? String == "60.0")

            let audit = try await harness.dependencies.pool.query(
                "SELECT action, subject_id FROM audit_trail WHERE subject_kind = 'performanceRules' ORDER BY seq")
            let entries = try audit.map { "\(try $0.decode("action", as: String.self)) \(try $0.decode("subject_id", as: String.self))" }
            #expect(entries == ["updated city", "updated \(id(seed.unitQ))", "removed \(id(seed.unitQ))"])
        }
    }

    @Test("the review and its rules: guests 401, other officials 403; bad months, levels, weights and thresholds a 400 naming the field")
    func accessAndInput() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let dispatcher = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["dispatcher"], unitID: UUID())
        try await harness.test { client in
            for path in ["/statistics/performance/2025-03", "/statistics/performance/2025-03/csv", "/statistics/performance-rules"] {
                #expect(try await harness.call(client, .get, path, as: nil).status == .unauthorized, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.filerA).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: dispatcher).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.cityStatistician).status == .ok, "\(path)")
            }
            let rules = try await harness.call(client, .get, "/statistics/performance-rules", as: harness.platformAdmin)
            #expect(rules.body["laggingBelow"] as? String == "60.00" && rules.body["consecutiveMonths"] as? Int == 2)
            #expect((rules.body["weights"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["按期办结率", "按期签收率", "满意率", "政策24小时内发布率"])
            let weights = ["concludedOnTime": "40", "signedOnTime": "20", "satisfied": "20", "policyWithin24Hours": "20"]
            #expect(try await harness.call(client, .put, "/statistics/performance-rules", as: nil, json: ["weights": weights]).status == .unauthorized)
            let bad: [([String: Any], String)] = [
                (["laggingBelow": "60", "consecutiveMonths": 2], "weights"),
                (["weights": weights.merging(["satisfied": "10"]) { $1 }, "laggingBelow": "60", "consecutiveMonths": 2], "weights"),
                (["weights": weights.filter { $0.key != "satisfied" }, "laggingBelow": "60", "consecutiveMonths": 2], "weights.satisfied"),
                (["weights": weights.merging(["volume": "0"]) { $1 }, "laggingBelow": "60", "consecutiveMonths": 2], "weights.volume"),
                (["weights": weights.merging(["concludedOnTime": "100.5"]) { $1 }, "laggingBelow": "60", "consecutiveMonths": 2], "weights.concludedOnTime"),
                (["weights": weights.merging(["concludedOnTime": "-40"]) { $1 }, "laggingBelow": "60", "consecutiveMonths": 2], "weights.concludedOnTime"),
                (["weights": weights, "laggingBelow": "sixty", "consecutiveMonths": 2], "laggingBelow"),
                (["weights": weights, "consecutiveMonths": 2], "laggingBelow"),
                (["weights": weights, "laggingBelow": "60", "consecutiveMonths": 1], "consecutiveMonths"),
                (["weights": weights, "laggingBelow": "60", "consecutiveMonths": 13], "consecutiveMonths"),
            ]
            for (body, field) in bad {
                let response = try await harness.call(client, .put, "/statistics/performance-rules", as: harness.platformAdmin, json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorField == field, "\(body)")
            }
            let badPaths: [(String, String)] = [
                ("/statistics/performance/2025-13", "month"), ("/statistics/performance/2025-03?by=county", "by"),
                ("/statistics/performance/2025-03?unit=x", "unit"), ("/statistics/performance/2025-03?size=0", "size"),
                ("/statistics/performance-rules?unit=x", "unit"), ("/statistics/performance/2025-00/csv", "month"),
                ("/statistics/performance/2025-03/csv?by=county", "by"),
            ]
            for (path, field) in badPaths {
                let response = try await harness.call(client, .get, path, as: harness.platformAdmin)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.errorField == field, "\(path)")
            }
            let unitPath = "/statistics/performance-rules/units/\(UUID())"
            #expect(try await harness.call(client, .delete, unitPath, as: harness.platformAdmin).status == .notFound)
            #expect(try await harness.call(client, .delete, "/statistics/performance-rules/units/x", as: harness.platformAdmin).status == .badRequest)
            #expect(try await harness.call(client, .put, unitPath, as: dispatcher, json: ["weights": weights]).status == .forbidden)
            // Nothing changed: no audit entries.
            let audit = try await harness.dependencies.pool.query("SELECT count(*)::int AS n FROM audit_trail WHERE subject_kind = 'performanceRules'")
            #expect(try audit.first?.decode("n", as: Int.self) == 0)
        }
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// No script, no external asset: the only URL is the SVG namespace.
    static func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.hasPrefix("<!DOCTYPE html>"), sourceLocation: sourceLocation)
        #expect(!html.lowercased().contains("<script"), sourceLocation: sourceLocation)
        #expect(!html.contains(" src=") && !html.contains(" href=") && !html.contains("url("), sourceLocation: sourceLocation)
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http") == false, sourceLocation: sourceLocation)
        #expect(count("<svg ", in: html) >= 2, sourceLocation: sourceLocation)
    }
}
