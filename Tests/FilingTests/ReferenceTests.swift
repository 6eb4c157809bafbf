import Foundation
import Testing

@Suite("Reference data: GB/T 4754-2017 and the counties", .serialized)
struct ReferenceTests {
    @Test("the classification is loaded whole, classes with their names and parents")
    func classification() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let sections = try await harness.call(client, .get, "/industries?level=section&size=100", as: nil)
            #expect(sections.status == .ok)
            #expect(sections["total"] as? Int == 20)
            let divisions = try await harness.call(client, .get, "/industries?level=division&size=1", as: nil)
            #expect(divisions["total"] as? Int == 97)
            let coking = try await harness.call(client, .get, "/industries/C2521", as: nil)
            #expect(coking["name"] as? String == "炼焦")
            #expect(coking["level"] as? String == "class")
            #expect(coking["parentCode"] as? String == "C252")
            let found = try await harness.call(client, .get, "/industries?q=有机化学原料", as: nil)
            #expect(found.items.contains { $0["code"] as? String == "C2614" && $0["name"] as? String == "有机化学原料制造" })
            let children = try await harness.call(client, .get, "/industries?parent=C261", as: nil)
            #expect(children.items.map { $0["code"] as? String } == ["C2611", "C2612", "C2613", "C2614", "C2619"])
            let missing = try await harness.call(client, .get, "/industries/C9999", as: nil)
            #expect(missing.status == .notFound)
            let badLevel = try await harness.call(client, .get, "/industries?level=kingdom", as: nil)
            #expect(badLevel.status == .badRequest && badLevel.errorField == "level")
            let emptyLevel = try await harness.call(client, .get, "/industries?level=", as: nil)
            #expect(emptyLevel.status == .badRequest && emptyLevel.errorField == "level")
            let regions = try await harness.call(client, .get, "/regions", as: nil)
            #expect(regions.items.contains { $0["code"] as? String == "410482" && $0["name"] as? String == "汝州市" })
        }
    }

    @Test("the key-industry types the form takes are a public, paged list")
    func keyIndustryTypes() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            let all = try await harness.call(client, .get, "/key-industry-types", as: nil)
            #expect(all.status == .ok)
            #expect(all["total"] as? Int == 7)
            #expect(all.items.contains { $0["name"] as? String == "尼龙新材料" })
            let first = try await harness.call(client, .get, "/key-industry-types?page=1&size=2", as: nil)
            let second = try await harness.call(client, .get, "/key-industry-types?page=2&size=2", as: nil)
            #expect(first.items.count == 2 && second.items.count == 2)
            #expect(first["total"] as? Int == 7 && second["page"] as? Int == 2)
            let names = (first.items + second.items).compactMap { $0["name"] as? String }
            #expect(Set(names).count == 4 && Set(names).isSubset(of: Set(all.items.compactMap { $0["name"] as? String })))
            let tooLarge = try await harness.call(client, .get, "/key-industry-types?size=101", as: nil)
            #expect(tooLarge.status == .badRequest && tooLarge.errorField == "size")
        }
    }
}
