import Contracts
import Foundation
import Testing

@Suite("Who sees which filing", .serialized)
struct AuthorizationTests {
    @Test("an enterprise never sees another's filing; a liaison only its enterprises'; a county's bureau user only its county")
    func matrix() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        try await harness.test { client in
            try await harness.openWindows(["2025-03"], on: client)
            let a = try #require(try await harness.file("2025-03", as: harness.filerA, on: client)["id"] as? String)
            let c = try #require(try await harness.file("2025-03", as: harness.filerC, on: client)["id"] as? String)
            let cases: [(String, String, Int)] = [
                ("filerA", a, 200), ("filerB", a, 404), ("filerC", a, 404),
                ("liaison", a, 200), ("liaison", c, 404), ("otherLiaison", c, 200), ("otherLiaison", a, 404),
                ("ruzhou", a, 200), ("ruzhou", c, 404), ("xinhua", c, 200), ("xinhua", a, 404),
                ("city", a, 200), ("city", c, 200), ("platformAdmin", a, 404),
            ]
            let cast = [
                "filerA": harness.filerA, "filerB": harness.filerB, "filerC": harness.filerC, "liaison": harness.liaison,
                "otherLiaison": harness.otherLiaison, "ruzhou": harness.ruzhouStatistician, "xinhua": harness.xinhuaStatistician,
                "city": harness.cityStatistician, "platformAdmin": harness.platformAdmin,
            ]
            for (who, id, expected) in cases {
                let response = try await harness.call(client, .get, "/filings/\(id)", as: cast[who])
                #expect(Int(response.status.code) == expected, "\(who) reading \(id == a ? "A" : "C")")
                let versions = try await harness.call(client, .get, "/filings/\(id)/versions/1", as: cast[who])
                #expect(Int(versions.status.code) == expected, "\(who) reading a version")
            }
            let anonymous = try await harness.call(client, .get, "/filings/\(a)", as: nil)
            #expect(anonymous.status == .unauthorized)
            func listed(_ who: String) async throws -> Set<String> {
                Set(try await harness.call(client, .get, "/filings?period=2025-03", as: cast[who]).items.compactMap { $0["id"] as? String })
            }
            #expect(try await listed("liaison") == [a])
            #expect(try await listed("otherLiaison") == [c])
            #expect(try await listed("ruzhou") == [a])
            #expect(try await listed("xinhua") == [c])
            #expect(try await listed("city") == [a, c])
            let byEnterprise = try await harness.call(client, .get, "/filings", as: harness.filerA)
            #expect(byEnterprise.status == .forbidden)
            let ruzhouInXinhua = try await harness.call(client, .get, "/filings?region=410402", as: harness.ruzhouStatistician)
            #expect(ruzhouInXinhua.items.isEmpty)
            let emptyRegion = try await harness.call(client, .get, "/filings?region=", as: harness.cityStatistician)
            #expect(emptyRegion.status == .badRequest && emptyRegion.errorField == "region")
            let emptyStatus = try await harness.call(client, .get, "/filings?status=", as: harness.cityStatistician)
            #expect(emptyStatus.status == .badRequest && emptyStatus.errorField == "status")
        }
    }
}
