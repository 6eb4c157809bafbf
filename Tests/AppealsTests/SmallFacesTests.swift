@testable import AppealsApp
import Contracts
import Foundation
import HummingbirdTesting
import Postgres
import Testing

/// The register's order and the small things a user notices (issue 10, items 9 and 19).
@Suite("Register order and small faces")
struct SmallFacesTests {
    /// Review (appeals), dispatch, sign, reply and a rating that closes the item.
    func conclude(_ h: AppealsHarness, _ client: some TestClientProtocol, _ id: String) async throws {
        let unit = h.unitAdmin(h.unitA)
        _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
        _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
        _ = try await h.call(client, .post, "/appeals/\(id)/sign", as: unit)
        _ = try await h.call(
            client, .post, "/appeals/\(id)/reply", as: unit, json: ["handlerName": "刘明", "phone": "0719-8111697", "content": "已解决"])
        let closed = try await h.call(client, .post, "/appeals/\(id)/rating", as: h.enterprise, json: ["solved": true, "satisfied": true])
        #expect(closed.string("status") == "closed")
    }

    @Test("the register lists by submission time, newest first (诉求公示: 时间↓ on 提交时间); closing time stays a sort")
    func registerOrder() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            var ids: [String] = []
            for title in ["第一件", "第二件", "第三件"] {
                ids.append(try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: title)).string("id")))
            }
            // Closed in another order than submitted: the third, the first, the second.
            for index in [2, 0, 1] { try await conclude(h, client, ids[index]) }

            func titles(_ query: String) async throws -> [String?] {
                try await h.call(client, .get, "/register\(query)", as: nil).items.map { $0["title"] as? String }
            }
            #expect(try await titles("") == ["第三件", "第二件", "第一件"])
            #expect(try await titles("?sort=time_desc&region=420302&category=reformEfficiency") == ["第三件", "第二件", "第一件"])
            #expect(try await titles("?sort=time_asc") == ["第一件", "第二件", "第三件"])
            #expect(try await titles("?sort=closed_desc") == ["第二件", "第一件", "第三件"])
            #expect(try await titles("?sort=closed_asc") == ["第三件", "第一件", "第二件"])
            #expect(try await h.call(client, .get, "/register?sort=newest", as: nil).errorField == "sort")
        }
    }

    @Test("the register's default order is read from an index, without sorting (with or without the region and category filter)")
    func registerIndexServesDefaultOrder() async throws {
        let h = try await AppealsHarness.make()
        try await h.dependencies.pool.withTransaction { connection in
            // Few rows here: make the planner show which index can serve the order rather than scan.
            try await connection.execute("SET LOCAL enable_seqscan = off")
            try await connection.execute("SET LOCAL enable_sort = off")
            try await connection.execute("SET LOCAL enable_bitmapscan = off")
            for filter in ["", " AND c.region = '420302' AND c.category = 'reformEfficiency'"] {
                let plan = try await connection.query(
                    """
                    EXPLAIN SELECT c.id FROM cases c WHERE \(unescaped: RegisterStore.visible)\(unescaped: filter)
                    ORDER BY \(unescaped: RegisterStore.Order.submittedDescending.sql) LIMIT 20
                    """
                ).map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
                #expect(plan.contains("cases_register_"), "\(plan)")
                #expect(plan.contains("submitted"), "\(plan)")
                #expect(!plan.contains("Sort"), "\(plan)")
            }
        }
    }

    @Test("GET /calendar/years/{year} answers that year; a year not loaded is 404, a bad one 400 naming it")
    func calendarYear() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let year = try await h.call(client, .get, "/calendar/years/2026", as: nil)
            #expect(year.status == .ok)
            #expect(year["year"] as? Int == 2026)
            #expect((year["holidays"] as? [String])?.contains("2026-10-01") == true)
            #expect(try await h.call(client, .get, "/calendar/years/2031", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/calendar/years/next", as: nil).errorField == "year")
        }
    }

    @Test("an official without a queue gets their own: the liaison the items to review, the unit admin those to sign")
    func defaultQueues() async throws {
        let h = try await AppealsHarness.make()
        let unitA = h.unitAdmin(h.unitA)
        try await h.application().test(.router) { client in
            let toReview = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "待审核")).string("id"))
            let toSign = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal(title: "待签收")).string("id"))
            _ = try await h.call(client, .post, "/appeals/\(toSign)/review", as: h.liaison, json: [:])
            _ = try await h.call(client, .post, "/appeals/\(toSign)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])

            let liaison = try await h.call(client, .get, "/appeals", as: h.liaison)
            #expect(liaison.status == .ok)
            #expect(liaison.items.map { $0["id"] as? String } == [toReview])
            let unit = try await h.call(client, .get, "/appeals", as: unitA)
            #expect(unit.status == .ok)
            #expect(unit.items.map { $0["id"] as? String } == [toSign])
            #expect(try await h.call(client, .get, "/complaints", as: unitA).status == .ok)
            #expect(try await h.call(client, .get, "/appeals", as: h.dispatcher)["total"] as? Int == 2)
        }
    }

    @Test("/categories says which scheme each category follows per city and whether closure needs approval")
    func categorySchemes() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            func schemes(_ code: String) async throws -> [[String: Any]] {
                let listed = try await h.call(client, .get, "/categories?kind=appeal", as: nil)
                return try #require(listed.items.first { $0["code"] as? String == code })["schemes"] as? [[String: Any]] ?? []
            }
            // Pingdingshan's default is 13710 (closure approved by a dispatcher), Shiyan's its own scheme.
            let policy = try await schemes("policyNotImplemented")
            #expect(policy.map { $0["city"] as? String } == ["4104", "4203"])
            #expect(policy.map { $0["scheme"] as? String } == ["13710", "shiyan"])
            #expect(policy.map { $0["closureApproval"] as? Bool } == [true, false])
            #expect((policy.first?["schemeName"] as? String)?.hasPrefix("13710: 当天签收") == true)
            // A category's own assignment in a city is what it follows there.
            #expect(
                try await h.call(client, .put, "/scheme-assignments/inaction/4203", as: h.platformAdmin, json: ["scheme": "13710"]).status == .ok)
            #expect(try await schemes("inaction").map { $0["scheme"] as? String } == ["13710", "13710"])
        }
    }

    @Test("the dispatch sheet of another enterprise's item is 404 like every other read")
    func dispatchSheetOfAnotherEnterprise() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            let id = try #require(try await h.call(client, .post, "/appeals", as: h.enterprise, json: Forms.appeal()).string("id"))
            _ = try await h.call(client, .post, "/appeals/\(id)/review", as: h.liaison, json: [:])
            _ = try await h.call(client, .post, "/appeals/\(id)/dispatch", as: h.dispatcher, json: ["unitID": h.unitA.uuidString])
            let stranger = try await h.call(client, .get, "/appeals/\(id)/dispatch-sheet", as: h.otherEnterprise)
            #expect(stranger.status == .notFound)
            #expect(try await h.call(client, .get, "/appeals/\(id)", as: h.otherEnterprise).status == .notFound)
            #expect(try await h.call(client, .get, "/appeals/\(UUID())/dispatch-sheet", as: h.enterprise).status == .notFound)
            #expect(try await h.call(client, .get, "/appeals/\(id)/dispatch-sheet", as: h.unitAdmin(h.unitA)).status == .ok)
        }
    }

    @Test("/metrics times error responses too, with their status")
    func metricsCountErrors() async throws {
        let h = try await AppealsHarness.make()
        try await h.application().test(.router) { client in
            #expect(try await h.call(client, .get, "/calendar/years/2099", as: nil).status == .notFound)
            #expect(try await h.call(client, .get, "/calendar/years/next", as: nil).status == .badRequest)
            let metrics = try await h.call(client, .get, "/metrics", as: nil).text
            let durations = metrics.split(separator: "\n").filter {
                $0.hasPrefix("http_server_request_duration") && $0.contains("_count") && $0.contains("calendar/years")
            }
            #expect(durations.contains { $0.contains("\"404\"") }, "\(durations)")
            #expect(durations.contains { $0.contains("\"400\"") }, "\(durations)")
        }
    }
}
