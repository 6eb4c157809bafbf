import Foundation
import Testing

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
}
