import Foundation
import Testing

@Suite("Filing a month (填报)", .serialized)
struct FilingFormTests {
    @Test("a filing keeps its decimals exactly, any number of products and materials, and events its figures")
    func submit() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let form = Forms.filing(outputMonth: "12345.6789", outputYTD: "37037.0367", profit: "-15.25") { form in
                form["products"] = [
                    ["name": "焦炭", "unit": "吨", "outputMonth": "5000", "outputMonthYoY": "1.5", "outputYTD": "15000", "outputYTDYoY": "2",
                     "price": "2100.05", "priceMoM": "-3.2", "priceYoY": "4"],
                    ["name": "甲醇", "unit": "吨", "outputMonth": "800", "outputMonthYoY": "0", "outputYTD": "2400", "outputYTDYoY": "0",
                     "price": "2500", "priceMoM": "0", "priceYoY": "0"],
                    ["name": "焦炉煤气", "unit": "万立方米", "outputMonth": "120", "outputMonthYoY": "0", "outputYTD": "360", "outputYTDYoY": "0",
                     "price": "0.8", "priceMoM": "0", "priceYoY": "0"],
                ]
                form["materials"] = [
                    ["name": "原煤", "unit": "吨", "price": "900", "priceMoM": "0", "priceYoY": "0"],
                    ["name": "洗精煤", "unit": "吨", "price": "1500.5", "priceMoM": "1", "priceYoY": "-2"],
                ]
            }
            let filed = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: form)
            #expect(filed.status == .created)
            #expect(filed["status"] as? String == "submitted")
            #expect(filed["version"] as? Int == 1)
            #expect(filed["industryCode"] as? String == "C2521")
            let output = filed.form["output"] as? [String: Any]
            #expect(output?["month"] as? String == "12345.6789")
            #expect((filed.form["profit"] as? [String: Any])?["month"] as? String == "-15.25")
            #expect((filed.form["tax"] as? [String: Any])?["month"] as? String == "35.1234")
            let products = filed.form["products"] as? [[String: Any]] ?? []
            #expect(products.map { $0["name"] as? String } == ["焦炭", "甲醇", "焦炉煤气"])
            #expect(products.first?["price"] as? String == "2100.05")
            #expect(products.last?["unit"] as? String == "万立方米")
            #expect((filed.form["materials"] as? [[String: Any]])?.count == 2)
            #expect(filed.form["contactPhone"] as? String == Forms.phone)
            let events = try await harness.eventPayloads(type: "qinqing.filing.filing.submitted.v1")
            let facts = try #require(events.first?["filing"] as? [String: Any])
            let figures = facts["figures"] as? [[String: Any]] ?? []
            #expect(figures.contains { $0["measure"] as? String == "output.month" && $0["value"] as? String == "12345.6789" })
            #expect(figures.contains { $0["item"] as? String == "洗精煤" && $0["measure"] as? String == "price" && $0["value"] as? String == "1500.5" })
            #expect(facts["period"] as? String == "2025-03")
            #expect(facts["region"] as? String == "410482")
            #expect(!(String(data: try JSONSerialization.data(withJSONObject: events), encoding: .utf8) ?? "").contains(Forms.phone))
        }
    }

    @Test("the contact phone is whole for the filer and masked for its liaison and the bureau")
    func masking() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let filed = try await harness.file("2025-03", on: client)
            let id = try #require(filed["id"] as? String)
            let own = try await harness.call(client, .get, "/filings/\(id)", as: harness.filerA)
            #expect(own.form["contactPhone"] as? String == Forms.phone)
            for viewer in [harness.liaison, harness.cityStatistician, harness.ruzhouStatistician] {
                let seen = try await harness.call(client, .get, "/filings/\(id)", as: viewer)
                #expect(seen.status == .ok)
                let phone = seen.form["contactPhone"] as? String
                #expect(phone != Forms.phone)
                #expect(phone?.hasPrefix("139") == true && phone?.hasSuffix("5678") == true)
            }
            let stored = try await harness.dependencies.pool.query("SELECT phone_sealed FROM filing_versions")
            let bytes: Data = try #require(try stored.first?.decode("phone_sealed"))
            #expect(!String(decoding: bytes, as: UTF8.self).contains(Forms.phone))
        }
    }

    @Test("bad input is a 400 naming the field; an enterprise off the list may not file")
    func badInput() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let floating = Forms.filing { Forms.set(&$0, "output", "month", 1000.5) }
            let refused = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: floating)
            #expect(refused.status == .badRequest && refused.errorField == "output.month")
            let garbage = Forms.filing { Forms.set(&$0, "revenue", "month", "1e5") }
            let refusedText = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: garbage)
            #expect(refusedText.status == .badRequest && refusedText.errorField == "revenue.month")
            let phone = Forms.filing { $0["contactPhone"] = "12345" }
            let badPhone = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: phone)
            #expect(badPhone.status == .badRequest && badPhone.errorField == "contactPhone")
            let keyType = Forms.filing { $0["keyIndustryType"] = "不存在" }
            let badType = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: keyType)
            #expect(badType.status == .notFound && badType.errorField == "keyIndustryType")
            let badPeriod = try await harness.call(client, .put, "/periods/2025-13/filing", as: harness.filerA, json: Forms.filing())
            #expect(badPeriod.status == .badRequest && badPeriod.errorField == "period")
            let unlisted = harness.member(of: harness.unlisted, uscc: "91410400MA00000A1P")
            let offList = try await harness.call(client, .put, "/periods/2025-03/filing", as: unlisted, json: Forms.filing())
            #expect(offList.status == .forbidden && offList.errorCode == "not_reporting")
            let official = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.liaison, json: Forms.filing())
            #expect(official.status == .forbidden)
        }
    }
}
