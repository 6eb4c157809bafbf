import Foundation
import Testing

/// Each validation rule through HTTP: errors refuse with the field named, warnings must be explained
/// and are shown as flags (never corrected), with and without the filings they compare against.
@Suite("Validation rules", .serialized)
struct ValidationTests {
    /// A January form: year-to-date equal to this month everywhere.
    static func january(_ change: (inout [String: Any]) -> Void = { _ in }) -> [String: Any] {
        Forms.filing(outputYTD: "1000") { form in
            Forms.set(&form, "electricity", "ytd", "120.25")
            form["products"] = [["name": "焦炭", "unit": "吨", "outputMonth": "5000", "outputMonthYoY": "0", "outputYTD": "5000", "outputYTDYoY": "0",
                                 "price": "2100", "priceMoM": "0", "priceYoY": "0"]]
            change(&form)
        }
    }

    @Test("errors: required fields, year-to-date below this month, January, negative output (a negative profit is fine)")
    func errors() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-01", "2025-03"], on: client)
            func refused(_ period: String, _ form: [String: Any]) async throws -> JSONResponse {
                try await harness.call(client, .put, "/periods/\(period)/filing", as: harness.filerA, json: form)
            }
            let missing = try await refused("2025-03", Forms.filing { Forms.set(&$0, "electricity", "month", nil) })
            #expect(missing.status == .badRequest && missing.errorField == "electricity.month")
            #expect(missing.errorMessage?.contains("必填项未填写") == true)
            let noUnit = try await refused("2025-03", Forms.filing { form in
                var products = form["products"] as? [[String: Any]] ?? []
                products[0]["unit"] = nil
                form["products"] = products
            })
            #expect(noUnit.status == .badRequest && noUnit.errorField == "products[0].unit")
            let below = try await refused("2025-03", Forms.filing(outputMonth: "1000", outputYTD: "999.99"))
            #expect(below.status == .badRequest && below.errorField == "output.ytd")
            #expect(below.errorMessage?.contains("本月止累计不能小于本月") == true)
            let januaryOff = try await refused("2025-01", Forms.filing())
            #expect(januaryOff.status == .badRequest && januaryOff.errorField == "output.ytd")
            #expect(januaryOff.errorMessage?.contains("products[0].outputYTD") == true)
            let negative = try await refused("2025-03", Forms.filing { Forms.set(&$0, "tax", "month", "-1") })
            #expect(negative.status == .badRequest && negative.errorField == "tax.month")
            let negativeProfit = try await refused("2025-03", Forms.filing(profit: "-250.75"))
            #expect(negativeProfit.status == .created)
            let january = try await refused("2025-01", Self.january())
            #expect(january.status == .created)
            #expect(january.flags.isEmpty)
        }
    }

    @Test("yoy % against last year's filing: absent, no warning; present and off, explained and flagged")
    func yoyConsistency() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2024-03", "2025-03", "2025-04"], on: client)
            // No filing of 2024-04: a reported yoy of 0 with a 10 % rise is not checked.
            let alone = try await harness.call(client, .put, "/periods/2025-04/filing", as: harness.filerA, json: Forms.filing(outputMonth: "1100", outputYTD: "4400"))
            #expect(alone.status == .created && alone.flags.isEmpty)
            try await harness.file("2024-03", on: client)
            let rise = Forms.filing(outputMonth: "1100", outputYTD: "3000")
            let unexplained = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: rise)
            #expect(unexplained.status == .badRequest && unexplained.errorField == "explanation")
            #expect(unexplained.errorMessage?.contains("output.monthYoY") == true)
            let checks = try await harness.call(client, .post, "/periods/2025-03/checks", as: harness.filerA, json: rise)
            #expect((checks["warnings"] as? [[String: Any]])?.map { $0["field"] as? String } == ["output.monthYoY"])
            var explained = rise
            explained["explanation"] = "新生产线投产，产值增加"
            let filed = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: explained)
            #expect(filed.status == .created)
            #expect(filed.flagRules == ["yoy-consistent"])
            #expect((filed.flags.first?["message"] as? String)?.contains("computed 10%") == true)
            // Shown, never corrected.
            #expect((filed.form["output"] as? [String: Any])?["monthYoY"] as? String == "0")
            let consistent = Forms.filing(outputMonth: "1100", outputYTD: "3000") { Forms.set(&$0, "output", "monthYoY", "10.5") }
            let within = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: consistent)
            #expect(within.status == .ok && within.flags.isEmpty)
        }
    }

    @Test("mom % of a price against last month's filing")
    func momConsistency() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-02", "2025-03"], on: client)
            try await harness.file("2025-02", on: client)
            let pricier = Forms.filing { form in
                form["materials"] = [["name": "原煤", "unit": "吨", "price": "990", "priceMoM": "0", "priceYoY": "0"]]
                form["explanation"] = "原煤涨价"
            }
            let filed = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: pricier)
            #expect(filed.status == .created)
            #expect(filed.flags.map { $0["field"] as? String } == ["materials[0].priceMoM"])
        }
    }

    @Test("a change beyond ±30 % against the same month last year; an admin's new version applies to later filings only")
    func sharpChangeAndVersions() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2024-03", "2024-04", "2025-03", "2025-04"], on: client)
            try await harness.file("2024-03", on: client)
            try await harness.file("2024-04", on: client)
            let jump = Forms.filing(outputMonth: "1500", outputYTD: "3500") { form in
                Forms.set(&form, "output", "monthYoY", "50")
                Forms.set(&form, "output", "ytdYoY", "16.67")
                form["explanation"] = "订单集中交付"
            }
            let flagged = try await harness.call(client, .put, "/periods/2025-03/filing", as: harness.filerA, json: jump)
            #expect(flagged.status == .created)
            #expect(flagged.flags.map { $0["field"] as? String } == ["output.month"])
            #expect(flagged.flags.first?["ruleVersion"] as? Int == 1)
            let changed = try await harness.call(client, .put, "/validation-rules/yoy-sharp-change", as: harness.bureauAdmin, json: ["parameter": "60"])
            #expect(changed.status == .ok && changed["version"] as? Int == 2)
            let byStatistician = try await harness.call(client, .put, "/validation-rules/yoy-sharp-change", as: harness.cityStatistician, json: ["parameter": "5"])
            #expect(byStatistician.status == .forbidden)
            let later = try await harness.call(client, .put, "/periods/2025-04/filing", as: harness.filerA, json: jump)
            #expect(later.status == .created && later.flags.isEmpty)
            let earlier = try await harness.call(client, .get, "/filings/\(flagged["id"] as? String ?? "")", as: harness.filerA)
            #expect(earlier.flags.first?["ruleVersion"] as? Int == 1)
            let versions = try await harness.call(client, .get, "/validation-rules/yoy-sharp-change/versions", as: nil)
            #expect(versions.items.map { $0["parameter"] as? String } == ["30", "60"])
            let added = try await harness.call(
                client, .post, "/validation-rules", as: harness.bureauAdmin,
                json: ["code": "price-swing", "kind": "yoyChange", "importance": "error", "name": "价格剧变", "message": "变动过大", "parameter": "40"])
            #expect(added.status == .created)
            let noParameter = try await harness.call(
                client, .post, "/validation-rules", as: harness.bureauAdmin,
                json: ["code": "other", "kind": "yoyChange", "importance": "error", "name": "x", "message": "y"])
            #expect(noParameter.status == .badRequest && noParameter.errorField == "parameter")
            let refused = try await harness.call(client, .put, "/periods/2025-04/filing", as: harness.filerA, json: jump)
            #expect(refused.status == .badRequest && refused.errorField == "output.month")
        }
    }

    @Test("a figure outside the enterprise's own range, once it has filed three months")
    func historicalRange() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2024-10", "2024-11", "2024-12", "2025-02"], on: client)
            try await harness.file("2024-10", on: client)
            try await harness.file("2024-11", on: client)
            let doubled = Forms.filing(outputMonth: "2000", outputYTD: "3000")
            let early = try await harness.call(client, .post, "/periods/2025-02/checks", as: harness.filerA, json: doubled)
            #expect((early["warnings"] as? [[String: Any]])?.isEmpty == true)
            try await harness.file("2024-12", on: client)
            let outside = try await harness.call(client, .post, "/periods/2025-02/checks", as: harness.filerA, json: doubled)
            let warnings = outside["warnings"] as? [[String: Any]] ?? []
            #expect(warnings.map { $0["rule"] as? String } == ["historical-range"])
            #expect(warnings.map { $0["field"] as? String } == ["output.month"])
            #expect((outside["errors"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
