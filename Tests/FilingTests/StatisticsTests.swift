@testable import FilingApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing
import TestSupport
import WorkCalendar

/// The monthly statistics from events published to the real appeals and policy topics (see
/// `StatisticsSeed` for the month and the hand computation).
@Suite("Statistics from the appeals and policy topics", .serialized)
struct StatisticsTests {
    // Its consumer reads the appeals and policy topics from the beginning, and its rebuild refolds every case it
    // stored: a broker of its own holds only this test's events (on the shared ones, every other suite's too).
    @Test("a seeded month's figures per unit equal the hand-computed ones, with the items behind them; rebuilding gives the same figures", .ownBroker)
    func seededMonth() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let seed = StatisticsSeed()
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        let unitAdminA = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: seed.unitA)
        let appealEvents = try seed.appealEvents()
        try await StatisticsSeed.publish(appealEvents + (try seed.policyEvents()))
        try await harness.service.application().test(.live) { client in
            func figures(_ month: String, _ unit: UUID, as claims: AccessClaims = inspector) async throws -> [[String: Any]] {
                try await harness.call(client, .get, "/statistics/appeals/\(month)?unit=\(unit)", as: claims).items
            }
            // B's `signed` event went last: once it is applied, every event of the month is.
            let applied = await Self.eventually {
                let rows = (try? await figures("2026-03", seed.unitA)) ?? []
                let policies = (try? await harness.call(client, .get, "/statistics/policies/2026-03?unit=\(seed.unitA)", as: inspector).items) ?? []
                let april = (try? await figures("2026-04", seed.unitB)) ?? []
                return rows.first?["signed"] as? Int == 3 && rows.first?["rated"] as? Int == 2 && rows.first?["escalations"] as? Int == 1
                    && policies.first?["published"] as? Int == 2 && april.first?["concluded"] as? Int == 1
            }
            #expect(applied)

            let a = try #require(try await figures("2026-03", seed.unitA).first)
            #expect(a["unitName"] as? String == "市发改委")
            #expect(a["received"] as? Int == 4)  // A, B, C, and E (1 March in Beijing)
            #expect(a["signed"] as? Int == 3)
            #expect(a["signedOnTime"] as? Int == 2)
            #expect(a["signedOnTimeRate"] as? String == "66.7")
            #expect(a["concluded"] as? Int == 2)  // A's reply counted once, though delivered twice
            #expect(a["concludedOnTime"] as? Int == 1)
            #expect(a["concludedOnTimeRate"] as? String == "50.0")
            #expect(a["overdueNow"] as? Int == 2)  // B (reopened, past its new due time) and C
            #expect(a["replied"] as? Int == 2)
            #expect(a["medianDaysToReply"] as? String == "2.0")
            #expect(a["p90DaysToReply"] as? String == "7.0")
            // Working days (2026's seeded calendar: no holiday in March): A Mon 2 → Wed 4 March, 2 (3, 4); B Tue 3 →
            // Tue 10 March, 5 (4, 5, 6, 9, 10).
            #expect(a["medianWorkingDaysToReply"] as? String == "2")
            #expect(a["p90WorkingDaysToReply"] as? String == "5")
            #expect(a["rated"] as? Int == 2)
            #expect(a["solvedRate"] as? String == "50.0")
            #expect(a["satisfiedRate"] as? String == "50.0")
            #expect(a["reopened"] as? Int == 1)
            #expect(a["reopenedRate"] as? String == "50.0")
            #expect(a["escalations"] as? Int == 1)
            #expect(a["withdrawn"] as? Int == 1)  // E
            #expect(a["markedMajor"] as? Int == 0)
            // E belongs to March (Beijing); February's row shows only what is overdue now.
            let february = try await figures("2026-02", seed.unitA)
            #expect(february.first?["received"] as? Int == 0)
            #expect(february.first?["overdueNow"] as? Int == 2)

            let b = try #require(try await figures("2026-03", seed.unitB).first)
            #expect(b["received"] as? Int == 1)
            #expect(b["signedOnTimeRate"] as? String == "100.0")
            #expect(b["concluded"] as? Int == 0)
            #expect(b["concludedOnTimeRate"] == nil)
            #expect(b["overdueNow"] as? Int == 0)
            #expect(b["medianWorkingDaysToReply"] == nil)  // no reply in March
            let bApril = try #require(try await figures("2026-04", seed.unitB).first)
            #expect(bApril["concludedOnTimeRate"] as? String == "100.0")
            #expect(bApril["medianDaysToReply"] as? String == "8.0")
            // D: Wed 25 March → Thu 2 April, 6 working days (26, 27, 30, 31 March, 1, 2 April; 4–6 April's holiday is after it).
            #expect(bApril["medianWorkingDaysToReply"] as? String == "6")
            #expect(bApril["p90WorkingDaysToReply"] as? String == "6")
            #expect(bApril["received"] as? Int == 0)

            let complaints = try await harness.call(client, .get, "/statistics/appeals/2026-03?kind=complaint&unit=\(seed.unitA)", as: inspector)
            #expect(complaints.status == .ok && complaints.items.isEmpty)

            // The items behind the figures.
            func items(_ measure: String, _ unit: UUID, as claims: AccessClaims = inspector) async throws -> [String] {
                try await harness.call(client, .get, "/statistics/appeals/2026-03/items?measure=\(measure)&unit=\(unit)", as: claims).items
                    .compactMap { ($0["id"] as? String)?.lowercased() }
            }
            let (caseA, caseB, caseC, caseE) = (seed.caseA, seed.caseB, seed.caseC, seed.caseE)
            let id = { (uuid: UUID) in uuid.uuidString.lowercased() }
            #expect(try await items("concludedLate", seed.unitA) == [id(caseB)])
            #expect(try await items("signedLate", seed.unitA) == [id(caseB)])
            #expect(try await items("overdue", seed.unitA) == [id(caseB), id(caseC)])
            #expect(try await items("reopened", seed.unitA) == [id(caseB)])
            #expect(try await items("received", seed.unitA) == [id(caseE), id(caseA), id(caseB), id(caseC)])
            #expect(try await items("withdrawn", seed.unitA) == [id(caseE)])
            let replied = try await harness.call(client, .get, "/statistics/appeals/2026-03/items?measure=replied&unit=\(seed.unitA)", as: inspector).items
            #expect(replied.map { ($0["id"] as? String)?.lowercased() } == [id(caseA), id(caseB)])
            #expect(replied.map { $0["workingDaysToReply"] as? String } == ["2", "5"])
            #expect(replied.map { $0["daysToReply"] as? String } == ["2.0", "7.0"])
            let paged = try await harness.call(client, .get, "/statistics/appeals/2026-03/items?measure=received&unit=\(seed.unitA)&size=1&page=2", as: inspector)
            #expect(paged.body["total"] as? Int == 4)
            #expect(paged.items.compactMap { ($0["id"] as? String)?.lowercased() } == [id(caseA)])

            // Policies: one of two within 24 hours in March; April's one on time.
            let policies = try #require(try await harness.call(client, .get, "/statistics/policies/2026-03?unit=\(seed.unitA)", as: inspector).items.first)
            #expect(policies["published"] as? Int == 2)
            #expect(policies["publishedWithin24Hours"] as? Int == 1)
            #expect(policies["within24HoursRate"] as? String == "50.0")
            let aprilPolicies = try #require(try await harness.call(client, .get, "/statistics/policies/2026-04?unit=\(seed.unitA)", as: inspector).items.first)
            #expect(aprilPolicies["within24HoursRate"] as? String == "100.0")

            // The duplicate reached the consumer once in effect: one kept row (the case events' record of
            // what was applied, keyed by event id), no inbox row besides.
            let repliedA = try #require(appealEvents.first { $0.type == AppealReplied.eventType && $0.subject == id(caseA) })
            let keptRows = try await harness.dependencies.pool.query(
                """
                SELECT (SELECT count(*) FROM stat_case_events WHERE event_id = \(repliedA.id))::int AS kept,
                    (SELECT count(*) FROM inbox WHERE event_id = \(repliedA.id) AND consumer LIKE 'filing.filing-statistics.%')::int AS inboxed
                """)
            #expect(try keptRows.first?.decode("kept", as: Int.self) == 1)
            #expect(try keptRows.first?.decode("inboxed", as: Int.self) == 0)

            // A unit admin reads their own unit only.
            let own = try await harness.call(client, .get, "/statistics/appeals/2026-03", as: unitAdminA)
            #expect(own.status == .ok)
            #expect(own.items.compactMap { ($0["unitID"] as? String)?.lowercased() } == [id(seed.unitA)])
            #expect(try await items("concludedLate", seed.unitA, as: unitAdminA) == [id(caseB)])
            let other = try await harness.call(client, .get, "/statistics/appeals/2026-03?unit=\(seed.unitB)", as: unitAdminA)
            #expect(other.status == .forbidden)
            let otherItems = try await harness.call(client, .get, "/statistics/appeals/2026-03/items?measure=received&unit=\(seed.unitB)", as: unitAdminA)
            #expect(otherItems.status == .forbidden)

            // 诉求办理统计表 and 诉求办理明细 as CSV: the same rows and items.
            try await Self.expectCSVs(harness, client, seed: seed, inspector: inspector, unitAdminA: unitAdminA)

            // Rebuilding from the kept case events gives the same figures.
            // (Compared as JSON values: the encoder's key order is not fixed.)
            func report(_ path: String) async throws -> NSDictionary { try await harness.call(client, .get, path, as: inspector).body as NSDictionary }
            let paths = ["/statistics/appeals/2026-03?unit=\(seed.unitA)", "/statistics/appeals/2026-03?unit=\(seed.unitB)",
                         "/statistics/appeals/2026-04?unit=\(seed.unitB)"]
                + StatisticsQuery.Measure.allCases.map { "/statistics/appeals/2026-03/items?measure=\($0.rawValue)&unit=\(seed.unitA)" }
            var before: [NSDictionary] = []
            for path in paths { before.append(try await report(path)) }
            let refused = try await harness.call(client, .post, "/statistics/rebuild", as: inspector)
            #expect(refused.status == .forbidden)
            let rebuilt = try await harness.call(client, .post, "/statistics/rebuild", as: harness.platformAdmin)
            #expect(rebuilt.status == .ok)
            #expect((rebuilt.body["cases"] as? Int ?? 0) >= 5)
            for (path, live) in zip(paths, before) {
                let rebuiltReport = try await report(path)
                #expect(rebuiltReport == live, "\(path)")
            }
            #expect(before[0]["items"] as? [Any] != nil && (before[0]["items"] as? [Any])?.isEmpty == false)
            let audit = try await harness.dependencies.pool.query("SELECT count(*)::int AS n FROM audit_trail WHERE action = 'rebuilt'")
            #expect(try audit.first?.decode("n", as: Int.self) == 1)
        }
    }

    @Test(
        "a calendar year published after the cases counts their working days again; an older publication arriving later changes nothing; a rebuild keeps it",
        .ownBroker)
    func calendarYearPublished() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let seed = StatisticsSeed()
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        try await StatisticsSeed.publish(try seed.appealEvents())
        try await harness.service.application().test(.live) { client in
            func figures(_ month: String, _ unit: UUID) async throws -> [String: Any]? {
                try await harness.call(client, .get, "/statistics/appeals/\(month)?unit=\(unit)", as: inspector).items.first
            }
            func working(_ row: [String: Any]?) -> [String?] {
                [row?["medianWorkingDaysToReply"] as? String, row?["p90WorkingDaysToReply"] as? String]
            }
            // On the seeded calendar (see `seededMonth`): A 2, B 5 working days.
            let applied = await Self.eventually {
                let row = try? await figures("2026-03", seed.unitA)
                return row?["signed"] as? Int == 3 && row?["replied"] as? Int == 2 && working(row) == ["2", "5"]
            }
            #expect(applied)

            // The appeals service publishes 2026 again with Wednesday 4 March a holiday: inside both replies' spans.
            let kept = try await harness.dependencies.pool.query(
                """
                SELECT array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) AS d ORDER BY d) AS holidays,
                    array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(makeup_workdays) AS d ORDER BY d) AS makeups
                FROM stat_calendar_years WHERE year = 2026
                """)
            let row = try #require(kept.first)
            let holidays = try row.decode("holidays", as: [String].self), makeups = try row.decode("makeups", as: [String].self)
            #expect(holidays.contains("2026-02-16") && makeups.contains("2026-02-28"))  // the seed is appeals' 2026
            let newer = CalendarYearPublished(
                year: 2026, source: "国办发明电〔2025〕7号（更正）", holidays: (holidays + ["2026-03-04"]).sorted(), makeupWorkdays: makeups,
                publishedBy: UUID(), publishedAt: StatisticsSeed.at("2026-03-31T02:00:00Z"))
            try await StatisticsSeed.publish([try EventEnvelope(newer, producer: .appeals)])
            // A: 3 March only, 1; B: 5, 6, 9, 10 March, 4. Calendar days do not change.
            let recounted = await Self.eventually { working(try? await figures("2026-03", seed.unitA)) == ["1", "4"] }
            #expect(recounted)
            let a = try await figures("2026-03", seed.unitA)
            #expect(a?["medianDaysToReply"] as? String == "2.0")
            #expect(a?["p90DaysToReply"] as? String == "7.0")
            #expect(working(try await figures("2026-04", seed.unitB)) == ["6", "6"])  // D's span has no new holiday

            // A copy of the earlier publication, arriving late: applied (in the inbox), but the newer year stays.
            let older = try EventEnvelope(
                CalendarYearPublished(
                    year: 2026, source: "国办发明电〔2025〕7号", holidays: holidays, makeupWorkdays: makeups, publishedBy: UUID(),
                    publishedAt: StatisticsSeed.at("2026-03-30T02:00:00Z")),
                producer: .appeals)
            try await StatisticsSeed.publish([older])
            let consumed = await Self.eventually {
                let rows = try? await harness.dependencies.pool.query("SELECT count(*)::int AS n FROM inbox WHERE event_id = \(older.id)")
                return (try? rows?.first?.decode("n", as: Int.self)) == 1
            }
            #expect(consumed)
            #expect(working(try await figures("2026-03", seed.unitA)) == ["1", "4"])
            let year = try await harness.dependencies.pool.query("SELECT source, published_at FROM stat_calendar_years WHERE year = 2026")
            #expect(try year.first?.decode("source", as: String.self) == newer.source)
            #expect(try year.first?.decode("published_at", as: Date.self) == newer.publishedAt)

            // The rebuild folds on the kept calendar too.
            #expect(try await harness.call(client, .post, "/statistics/rebuild", as: harness.platformAdmin).status == .ok)
            #expect(working(try await figures("2026-03", seed.unitA)) == ["1", "4"])
        }
    }

    @Test(
        "the first responder (首接): items first dispatched to a unit in the month, and those reassigned away, with the items behind them",
        .ownBroker)
    func firstResponder() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let seed = StatisticsSeed()
        let unitC = UUID()
        let (caseF, caseG, caseH, caseK) = (UUID(), UUID(), UUID(), UUID())
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        func envelope(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .appeals) }
        func dispatched(_ id: UUID, submitted: String, to unit: UUID, from previous: UUID?, at time: String) throws -> EventEnvelope {
            try envelope(AppealDispatched(
                item: seed.facts(id, submitted: submitted, status: "signing", unit: unit, step: "sign", due: "2026-03-31T16:00:00Z"),
                transition: seed.move("signing", at: time), previousUnitID: previous, reason: previous == nil ? nil : "职责不符"))
        }
        // F: first to 市市场监管局 (B), reassigned to 市发改委 (A) the next day; G: to B only; K: first to C, then to A;
        // H: to A in February. The reassignment of F arrives before its first dispatch.
        let fFirst = try dispatched(caseF, submitted: "2026-03-16T02:00:00Z", to: seed.unitB, from: nil, at: "2026-03-16T04:00:00Z")
        try await StatisticsSeed.publish([
            try dispatched(caseF, submitted: "2026-03-16T02:00:00Z", to: seed.unitA, from: seed.unitB, at: "2026-03-17T04:00:00Z"),
            fFirst,
            try dispatched(caseG, submitted: "2026-03-18T02:00:00Z", to: seed.unitB, from: nil, at: "2026-03-18T04:00:00Z"),
            try dispatched(caseK, submitted: "2026-03-19T02:00:00Z", to: unitC, from: nil, at: "2026-03-19T04:00:00Z"),
            try dispatched(caseK, submitted: "2026-03-19T02:00:00Z", to: seed.unitA, from: unitC, at: "2026-03-20T04:00:00Z"),
            try dispatched(caseH, submitted: "2026-02-20T02:00:00Z", to: seed.unitA, from: nil, at: "2026-02-20T04:00:00Z"),
            try envelope(AppealMarkedMajor(
                item: seed.facts(caseG, submitted: "2026-03-18T02:00:00Z", status: "signing", unit: seed.unitB, step: "sign", due: "2026-03-31T16:00:00Z"),
                transition: seed.move("signing", at: "2026-03-18T06:00:00Z"), reason: "涉及多个部门")),
            fFirst,
        ])
        try await harness.service.application().test(.live) { client in
            func row(_ month: String, _ unit: UUID) async throws -> [String: Any]? {
                try await harness.call(client, .get, "/statistics/appeals/\(month)?unit=\(unit)", as: inspector).items.first
            }
            let applied = await Self.eventually {
                let b = try? await row("2026-03", seed.unitB)
                let a = try? await row("2026-03", seed.unitA)
                let february = try? await row("2026-02", seed.unitA)
                return b?["firstResponded"] as? Int == 2 && a?["received"] as? Int == 2 && february?["firstResponded"] as? Int == 1
            }
            #expect(applied)
            let b = try #require(try await row("2026-03", seed.unitB))
            #expect(b["firstResponded"] as? Int == 2)  // F and G
            #expect(b["reassignedAway"] as? Int == 1)  // F
            #expect(b["received"] as? Int == 1)  // G: F is led by A now
            #expect(b["markedMajor"] as? Int == 1 && b["withdrawn"] as? Int == 0)  // G
            let a = try #require(try await row("2026-03", seed.unitA))
            #expect(a["firstResponded"] as? Int == 0 && a["reassignedAway"] as? Int == 0)
            #expect(a["received"] as? Int == 2)  // F and K
            // C leads nothing, but was K's first responder: listed for that alone.
            let c = try #require(try await row("2026-03", unitC))
            #expect(c["firstResponded"] as? Int == 1 && c["reassignedAway"] as? Int == 1 && c["received"] as? Int == 0)
            let all = try await harness.call(client, .get, "/statistics/appeals/2026-03", as: inspector)
            #expect(all.body["total"] as? Int == 3)

            func items(_ measure: String, _ unit: UUID) async throws -> [String] {
                try await harness.call(client, .get, "/statistics/appeals/2026-03/items?measure=\(measure)&unit=\(unit)", as: inspector).items
                    .compactMap { ($0["id"] as? String)?.lowercased() }
            }
            let id = { (uuid: UUID) in uuid.uuidString.lowercased() }
            #expect(try await items("firstResponded", seed.unitB) == [id(caseF), id(caseG)])
            #expect(try await items("reassignedAway", seed.unitB) == [id(caseF)])
            #expect(try await items("reassignedAway", unitC) == [id(caseK)])
            #expect(try await items("firstResponded", seed.unitA).isEmpty)
            #expect(try await items("markedMajor", seed.unitB) == [id(caseG)])

            // Rebuilt from the kept events, the same.
            #expect(try await harness.call(client, .post, "/statistics/rebuild", as: harness.platformAdmin).status == .ok)
            let rebuilt = try #require(try await row("2026-03", seed.unitB))
            #expect(rebuilt["firstResponded"] as? Int == 2 && rebuilt["reassignedAway"] as? Int == 1)
        }
    }

    @Test("guests get 401, officials without a statistics role 403, a unit admin without a unit 403; bad filters a 400 naming the field")
    func accessAndInput() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        let dispatcher = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["dispatcher"], unitID: UUID())
        let unitlessAdmin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"])
        try await harness.test { client in
            for path in [
                "/statistics/appeals/2026-03", "/statistics/appeals/2026-03/items?measure=received", "/statistics/policies/2026-03",
                "/statistics/appeals/2026-03/csv", "/statistics/appeals/2026-03/items/csv?measure=received",
            ] {
                #expect(try await harness.call(client, .get, path, as: nil).status == .unauthorized, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.filerA).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: dispatcher).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.liaison).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: unitlessAdmin).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.cityStatistician).status == .ok, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.platformAdmin).status == .ok, "\(path)")
            }
            #expect(try await harness.call(client, .post, "/statistics/rebuild", as: nil).status == .unauthorized)
            let empty = try await harness.call(client, .post, "/statistics/rebuild", as: harness.platformAdmin)
            #expect(empty.status == .ok && empty.body["cases"] as? Int == 0)
            let bad: [(String, String)] = [
                ("/statistics/appeals/2026-13", "month"), ("/statistics/appeals/2026-03?unit=x", "unit"),
                ("/statistics/appeals/2026-03?region=4104", "region"), ("/statistics/appeals/2026-03?kind=letter", "kind"),
                ("/statistics/appeals/2026-03?category=%E5%85%B6%E4%BB%96", "category"), ("/statistics/appeals/2026-03?size=101", "size"),
                ("/statistics/appeals/2026-03/items", "measure"), ("/statistics/appeals/2026-03/items?measure=late", "measure"),
                ("/statistics/policies/1999-01", "month"), ("/statistics/appeals/2026-13/csv", "month"),
                ("/statistics/appeals/2026-03/csv?region=4104", "region"), ("/statistics/appeals/2026-03/csv?kind=letter", "kind"),
                ("/statistics/appeals/2026-03/items/csv", "measure"), ("/statistics/appeals/2026-03/items/csv?measure=late", "measure"),
                ("/statistics/appeals/2026-03/items/csv?measure=received&unit=x", "unit"),
            ]
            for (path, field) in bad {
                let response = try await harness.call(client, .get, path, as: inspector)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.errorField == field, "\(path)")
            }
        }
    }

    @Test("a case's facts do not depend on the order its events arrive in")
    func foldIsOrderIndependent() throws {
        let seed = StatisticsSeed()
        let records = try seed.appealEvents().filter { $0.subject == seed.caseB.uuidString.lowercased() }.map(CaseEventRecord.init(envelope:))
        // March 2026 has no holiday: weekends are what the seeded calendar's 2026 says of it.
        let march = WorkCalendar(years: [try CalendarYear(year: 2026, source: "test", holidays: [], makeupWorkdays: [])])
        let inOrder = try #require(CaseStatistics.fold(records, calendar: march))
        #expect(CaseStatistics.fold(records.reversed(), calendar: march) == inOrder)
        #expect(inOrder.signedLate == true)
        #expect(inOrder.concludedLate == true)
        #expect(inOrder.reopened)
        #expect(inOrder.daysToReply == Decimal(7))
        // Tue 3 → Tue 10 March: 4, 5, 6, 9, 10 March (the submission day does not count, the reply day does).
        #expect(inOrder.workingDaysToReply == 5)
        let holiday = WorkCalendar(years: [try CalendarYear(year: 2026, source: "test", holidays: [CalendarDay("2026-03-10")!], makeupWorkdays: [])])
        #expect(CaseStatistics.fold(records, calendar: holiday)?.workingDaysToReply == 4)
        // No calendar, or none for the year: no working days, the rest as before.
        #expect(CaseStatistics.fold(records, calendar: nil)?.workingDaysToReply == nil)
        #expect(CaseStatistics.fold(records, calendar: WorkCalendar(years: []))?.workingDaysToReply == nil)
        #expect(CaseStatistics.fold(records, calendar: nil)?.daysToReply == Decimal(7))
        #expect(inOrder.status == "inProgress")
        #expect(BeijingMonth.of(StatisticsSeed.at("2026-02-28T17:00:00Z")) == "2026-03")
        #expect(Rate.percent(2, of: 3) == "66.7")
        #expect(Rate.percent(1, of: 1) == "100.0")
        #expect(Rate.percent(0, of: 0) == nil)
    }

    static func eventually(timeout: Duration = .seconds(180), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return false
    }
}
