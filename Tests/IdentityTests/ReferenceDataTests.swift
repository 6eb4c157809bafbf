import Contracts
import Foundation
@testable import IdentityApp
import Testing
import TestSupport

@Suite("Reference data")
struct ReferenceDataTests {
    @Test("regions include the city, its ten divisions and the two zones with local codes; units and industries are seeded")
    func seeded() async throws {
        try await IdentityHarness.run { client, _ in
            let regions = try await client.call(.get, "/regions")
            #expect(regions.status == .ok)
            let codes = regions.items.compactMap { $0["code"] as? String }
            #expect(codes.count == 13)
            #expect(codes.contains("410482"))
            let zones = regions.items.filter { ($0["kind"] as? String) == "zone" }
            #expect(zones.count == 2)
            #expect(zones.allSatisfy { ($0["official"] as? Bool) == false })
            let industries = try await client.call(.get, "/industries")
            #expect(industries.items.count == 20)
            let groups = try await client.call(.get, "/units?kind=industryGroup")
            #expect(groups.items.count == 6)
            #expect(Set(groups.items.compactMap { $0["name"] as? String }) == ["经信组", "住建组", "商务组", "交通组", "农业组", "文旅组"])
            let counties = try await client.call(.get, "/units?kind=county")
            #expect(counties.items.count == 6)
            let bad = try await client.call(.get, "/units?kind=planet")
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "kind")
        }
    }

    @Test("every unit is published once as UnitCreated (with its kind, parent and region), even when start-up runs twice at once")
    func unitsPublished() async throws {
        try await IdentityHarness.run { _, harness in
            let units = try await harness.pool.query("SELECT count(*) AS n FROM units")[0].decode("n", as: Int.self)
            // Start-up publishes them (it runs beside the routes); running it again, twice at once, adds nothing.
            #expect(await eventually(timeout: .seconds(120)) { try await harness.pool.query("SELECT 1 FROM units WHERE published_at IS NULL").isEmpty })
            async let first = UnitPublication(runtime: harness.runtime).publishPending()
            async let second = UnitPublication(runtime: harness.runtime).publishPending()
            #expect(try await first + second == 0)
            // A unit added later (here: marked unpublished) is published by the next start-up, once.
            try await harness.pool.execute("UPDATE units SET published_at = NULL WHERE kind = 'industryGroup'")
            async let third = UnitPublication(runtime: harness.runtime).publishPending()
            async let fourth = UnitPublication(runtime: harness.runtime).publishPending()
            #expect(try await third + fourth == 6)
            let payloads = try await harness.outboxPayloads(UnitCreated.eventType)
            #expect(payloads.count == units + 6)
            let group = payloads.compactMap { $0["unit"] as? [String: Any] }.first { $0["name"] as? String == "经信组" }
            #expect(group?["kind"] as? String == "industryGroup")
            #expect(group?["region"] as? String == "410400")
            #expect((group?["parentID"] as? String).flatMap(UUID.init(uuidString:)) == UUID(uuidString: "00000000-0000-4000-8000-000000000100"))
        }
    }

    @Test("the units the documents name exist with fixed ids and codes, and are published as UnitCreated")
    func namedUnits() async throws {
        try await IdentityHarness.run { client, harness in
            let named: [(id: String, name: String, code: String)] = [
                ("00000000-0000-4000-8000-000000000112", "市政务服务和大数据管理局", "data-bureau"),
                ("00000000-0000-4000-8000-000000000113", "市统计局", "statistics"),
                ("00000000-0000-4000-8000-000000000114", "万人助万企办", "wanren-office"),
                ("00000000-0000-4000-8000-000000000115", "市科技局", "science-bureau"),
                ("00000000-0000-4000-8000-000000000116", "市生态环境局", "ecology-bureau"),
                ("00000000-0000-4000-8000-000000000101", "市发展和改革委员会", "drc"),
            ]
            let departments = try await client.call(.get, "/units?kind=department")
            #expect(departments.status == .ok)
            for unit in named {
                let listed = departments.items.first { ($0["id"] as? String)?.lowercased() == unit.id }
                #expect(listed?["name"] as? String == unit.name)
                #expect(listed?["code"] as? String == unit.code)
                #expect((listed?["parentID"] as? String)?.lowercased() == "00000000-0000-4000-8000-000000000100")
            }
            #expect(await eventually(timeout: .seconds(120)) { try await harness.pool.query("SELECT 1 FROM units WHERE published_at IS NULL").isEmpty })
            let published = try await harness.outboxPayloads(UnitCreated.eventType).compactMap { $0["unit"] as? [String: Any] }
            for unit in named {
                let event = published.first { ($0["unitID"] as? String)?.lowercased() == unit.id }
                #expect(event?["name"] as? String == unit.name)
                #expect(event?["kind"] as? String == "department")
            }
        }
    }
}
