import Foundation
import Testing

@Suite("The reporting list (重点监测工业企业表)", .serialized)
struct ReportingListTests {
    @Test("the list is public, filtered by county and industry, paged")
    func publicList() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let all = try await harness.call(client, .get, "/reporting-enterprises", as: nil)
            #expect(all.status == .ok)
            #expect(all["total"] as? Int == 3)
            #expect(all.items.first?["serialNo"] as? Int == 1)
            #expect(all.items.first?["regionName"] as? String == "汝州市")
            #expect(all.items.first?["industry"] as? String == "焦化")
            #expect(all.items.first?["industryCode"] as? String == "C2521")
            let ruzhou = try await harness.call(client, .get, "/reporting-enterprises?region=410482", as: nil)
            #expect(ruzhou["total"] as? Int == 2)
            let chemistry = try await harness.call(client, .get, "/reporting-enterprises?industry=C26", as: nil)
            #expect(chemistry.items.map { $0["name"] as? String } == ["中国平煤神马集团汝州电化有限公司"])
            let page = try await harness.call(client, .get, "/reporting-enterprises?page=2&size=2", as: nil)
            #expect(page.items.count == 1 && page["total"] as? Int == 3)
            let bad = try await harness.call(client, .get, "/reporting-enterprises?industry=26x", as: nil)
            #expect(bad.status == .badRequest && bad.errorField == "industry")
            let emptyRegion = try await harness.call(client, .get, "/reporting-enterprises?region=", as: nil)
            #expect(emptyRegion.status == .badRequest && emptyRegion.errorField == "region")
            let emptyIndustry = try await harness.call(client, .get, "/reporting-enterprises?industry=", as: nil)
            #expect(emptyIndustry.status == .badRequest && emptyIndustry.errorField == "industry")
        }
    }

    @Test("bureau admins add and remove one with a reason; the history and the audit keep both")
    func addAndRemove() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let entry: [String: Any] = ["region": "汝州市", "name": "河南巨龙生物工程股份有限公司", "industry": "生物医药", "reason": "新纳入规上"]
            let byStatistician = try await harness.call(client, .post, "/reporting-enterprises", as: harness.cityStatistician, json: entry)
            #expect(byStatistician.status == .forbidden)
            let anonymous = try await harness.call(client, .post, "/reporting-enterprises", as: nil, json: entry)
            #expect(anonymous.status == .unauthorized)
            var noReason = entry
            noReason["reason"] = nil
            let refused = try await harness.call(client, .post, "/reporting-enterprises", as: harness.bureauAdmin, json: noReason)
            #expect(refused.status == .badRequest && refused.errorField == "reason")
            let added = try await harness.call(client, .post, "/reporting-enterprises", as: harness.bureauAdmin, json: entry)
            #expect(added.status == .created)
            #expect(added["industryCode"] as? String == "C27")
            #expect(added["serialNo"] as? Int == 4)
            let again = try await harness.call(client, .post, "/reporting-enterprises", as: harness.bureauAdmin, json: entry)
            #expect(again.status == .conflict && again.errorField == "name")
            var elsewhere = entry
            elsewhere["region"] = "410999"
            let unknownCounty = try await harness.call(client, .post, "/reporting-enterprises", as: harness.bureauAdmin, json: elsewhere)
            #expect(unknownCounty.status == .notFound && unknownCounty.errorField == "region")
            var otherIndustry = entry
            otherIndustry["industry"] = "C9999"
            let unknownIndustry = try await harness.call(client, .post, "/reporting-enterprises", as: harness.bureauAdmin, json: otherIndustry)
            #expect(unknownIndustry.status == .notFound && unknownIndustry.errorField == "industry")
            let id = try #require(added["id"] as? String)
            let removed = try await harness.call(client, .post, "/reporting-enterprises/\(id)/removal", as: harness.bureauAdmin, json: ["reason": "已停产"])
            #expect(removed.status == .ok && removed["active"] as? Bool == false)
            let twice = try await harness.call(client, .post, "/reporting-enterprises/\(id)/removal", as: harness.bureauAdmin, json: ["reason": "再次"])
            #expect(twice.status == .conflict)
            let list = try await harness.call(client, .get, "/reporting-enterprises?region=410482", as: nil)
            #expect(!list.items.contains { $0["id"] as? String == id })
            let history = try await harness.call(client, .get, "/reporting-enterprises/\(id)/history", as: harness.cityStatistician)
            #expect(history.items.map { $0["action"] as? String } == ["added", "removed"])
            #expect(history.items.map { $0["reason"] as? String } == ["新纳入规上", "已停产"])
            let audit = try await harness.call(client, .get, "/admin/audit?subjectKind=reportingEnterprise", as: harness.platformAdmin)
            #expect(audit.items.compactMap { $0["action"] as? String }.sorted() == ["added", "removed"])
        }
    }

    @Test("a CSV import answers each row: accepted, or refused with the field and the reason")
    func csvImport() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let csv = """
                序号,县(市、区),企业名称,所属行业,统一社会信用代码
                1,汝州市,河南巨龙生物工程股份有限公司,生物医药,
                2,汝州市,河南平煤神马集团汝州电化有限公司,有机化学原料制造,
                3,火星市,某公司,焦化,
                4,宝丰县,某新材料公司,不存在的行业,
                5,叶县,,焦化,
                6,郏县,另一家公司,焦化,91410400MA00000A1X
                7,鲁山县,"河南平煤神马集团汝州电化有限公司",焦化,
                8,410423,鲁山示范焦化有限公司,2521,

                """
            let report = try await harness.call(client, .post, "/reporting-enterprises/imports", as: harness.bureauAdmin, csv: csv)
            #expect(report.status == .ok)
            #expect(report["rows"] as? Int == 8)
            #expect(report["accepted"] as? Int == 3)
            #expect(report["refused"] as? Int == 5)
            let results = report["results"] as? [[String: Any]] ?? []
            let byRow = Dictionary(uniqueKeysWithValues: results.map { ($0["row"] as? Int ?? 0, $0) })
            #expect(byRow[2]?["status"] as? String == "accepted")
            #expect(byRow[3]?["status"] as? String == "accepted")
            #expect(byRow[4]?["field"] as? String == "region")
            #expect(byRow[5]?["field"] as? String == "industry")
            #expect(byRow[6]?["field"] as? String == "name")
            #expect(byRow[7]?["field"] as? String == "uscc")
            #expect(byRow[8]?["field"] as? String == "name")
            #expect((byRow[8]?["reason"] as? String)?.contains("already") == true)
            #expect(byRow[9]?["status"] as? String == "accepted")
            let list = try await harness.call(client, .get, "/reporting-enterprises?size=100", as: nil)
            #expect(list["total"] as? Int == 6)
            let noHeader = try await harness.call(client, .post, "/reporting-enterprises/imports", as: harness.bureauAdmin, csv: "a,b\n1,2\n")
            #expect(noHeader.status == .badRequest && noHeader.errorField == "body")
            let notAdmin = try await harness.call(client, .post, "/reporting-enterprises/imports", as: harness.ruzhouStatistician, csv: csv)
            #expect(notAdmin.status == .forbidden)
        }
    }
}
