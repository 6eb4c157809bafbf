@testable import FilingApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// The month's filings per county and industry section, against figures computed by hand:
/// 汝州市 (410482), section C: A filed October 2025 (output 800) and October 2026 (output 1000, before
/// the window closed); B filed October 2026 only (output 500, after the window closed, with a warning).
/// 新华区 (410402), section C: C did not file and was recorded missing.
/// October 2026, 410482/C: listed 2, filed 2 (100.0 %), late 1, missing 0, warned 1; output 1500 against
/// 800 a year earlier (+87.5 %), revenue 1900 against 950 (+100.0 %), profit 161 against 80.5, tax
/// 70.2468 against 35.1234. 410402/C: listed 1, filed 0 (0.0 %), missing 1, sums 0 without a year earlier.
@Suite("Filing statistics per county and industry section")
struct FilingStatisticsTests {
    @Test("a month's completion, late and missing filers, warnings and sums with year-on-year change per county and section equal the hand-computed ones; a county's statistician sees only their county")
    func completionAndSums() async throws {
        let h = try await FilingHarness.make(scheduledJobs: false)
        try await h.test { client in
            try await h.openWindows(["2025-10", "2026-10"], on: client)
            try await h.file("2025-10", Forms.filing(outputMonth: "800"), on: client)
            try await h.file("2026-10", Forms.filing { Forms.set(&$0, "output", "monthYoY", "25") }, on: client)
            try await h.file("2026-10", Forms.filing(outputMonth: "500"), as: h.filerB, on: client)
            try await h.dependencies.pool.withTransaction { connection in
                // The window closed yesterday: A filed before it, B today (late); C is recorded missing.
                try await connection.execute("UPDATE filing_windows SET opens_on = current_date - 5, closes_on = current_date - 1 WHERE period = '2026-10'")
                try await connection.execute(
                    """
                    UPDATE filings SET first_submitted_at = now() - interval '3 days'
                    WHERE period = '2026-10' AND enterprise_id = \(h.enterpriseA)
                    """)
                try await connection.execute(
                    """
                    UPDATE filing_versions v SET flags = '[{"rule": "test"}]'::jsonb FROM filings f
                    WHERE v.filing_id = f.id AND v.version = f.current_version AND f.period = '2026-10' AND f.enterprise_id = \(h.enterpriseB)
                    """)
                try await connection.execute(
                    """
                    INSERT INTO missing_filings (reporting_enterprise_id, period, recorded_at)
                    SELECT id, '2026-10', now() FROM reporting_enterprises WHERE uscc = \(FilingHarness.usccC)
                    """)
            }

            let all = try await h.call(client, .get, "/statistics/filings/2026-10", as: h.cityStatistician)
            #expect(all.status == .ok, "\(all.text)")
            let groups = all.items
            #expect(groups.compactMap { $0["region"] as? String } == ["410402", "410482"])
            let ruzhou = try #require(groups.first { $0["region"] as? String == "410482" })
            #expect(ruzhou["section"] as? String == "C")
            #expect(ruzhou["listed"] as? Int == 2)
            #expect(ruzhou["filed"] as? Int == 2)
            #expect(ruzhou["completionRate"] as? String == "100.0")
            #expect(ruzhou["late"] as? Int == 1)
            #expect(ruzhou["missing"] as? Int == 0)
            #expect(ruzhou["warned"] as? Int == 1)
            let sums = Dictionary(uniqueKeysWithValues: (ruzhou["sums"] as? [[String: Any]] ?? []).map { ($0["measure"] as? String ?? "", $0) })
            #expect(sums["output.month"]?["total"] as? String == "1500.0000")
            #expect(sums["output.month"]?["lastYear"] as? String == "800.0000")
            #expect(sums["output.month"]?["yoy"] as? String == "87.5")
            #expect(sums["revenue.month"]?["yoy"] as? String == "100.0")
            #expect(sums["profit.month"]?["total"] as? String == "161.0000")
            #expect(sums["tax.month"]?["total"] as? String == "70.2468")
            #expect(sums["tax.month"]?["lastYear"] as? String == "35.1234")

            let xinhua = try #require(groups.first { $0["region"] as? String == "410402" })
            #expect(xinhua["listed"] as? Int == 1)
            #expect(xinhua["filed"] as? Int == 0)
            #expect(xinhua["completionRate"] as? String == "0.0")
            #expect(xinhua["missing"] as? Int == 1)
            #expect((xinhua["sums"] as? [[String: Any]])?.allSatisfy { $0["yoy"] == nil && $0["total"] as? String == "0.0000" } == true)

            // Scope: a county's statistician, their county only; others refused.
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10", as: h.ruzhouStatistician).items.compactMap { $0["region"] as? String } == ["410482"])
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10?region=410402", as: h.ruzhouStatistician).status == .forbidden)
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10?region=410402", as: h.industryMonitor).items.count == 1)
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10", as: nil).status == .unauthorized)
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10", as: h.filerA).status == .forbidden)
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10", as: h.liaison).status == .forbidden)
            #expect(try await h.call(client, .get, "/statistics/filings/2026-13", as: h.cityStatistician).errorField == "month")
            #expect(try await h.call(client, .get, "/statistics/filings/2026-10?region=41", as: h.cityStatistician).errorField == "region")
        }
    }
}
