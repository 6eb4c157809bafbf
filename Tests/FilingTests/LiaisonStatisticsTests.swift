@testable import FilingApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// The liaison work figures (Shiyan's assessment) from events published to the real identity, appeals
/// and policy topics: the first quarter of 2026 (Beijing), with the figures computed by hand.
///
/// Unit U, official 1: assigned E1 (5 Jan) and E2 (6 Jan, that event delivered twice), and E3 (7 Jan),
/// whose newer unassignment (10 Feb) is published before that assignment: 2 enterprises now. Contact
/// gaps E1 2026-01, E2 2026-02 (delivered twice) and E1 2026-04: 2 in Q1. Rated by E1 (5, 4, 3, 2) and
/// E2 (4, 4, 4, 5) in Q1 and by E1 (1, 1, 1, 1) in Q2: 2 ratings, averages 4.50, 4.00, 3.50, 3.50.
/// Briefing B1 submitted 10 Feb and published 11 Feb (its `published` event first); B3 submitted
/// 31 Mar 16:30 UTC (1 April in Beijing) and published in April: 1 submitted and 1 published in Q1.
/// Unit U, official 2: assigned E4 on 1 Mar, an older unassignment (1 Feb) published after it: 1 enterprise.
/// Unit V, official 3: assigned E1 on 10 Jan, unassigned 15 Feb: none now; B2 submitted 5 Mar, returned
/// 6 Mar. An enterprise's briefing B4 (no unit) in March counts nowhere.
/// Briefings per unit, Q1: U 1 submitted, 1 published, 0 returned; V 1, 0, 1. Q2: U 1, 1, 0.
///
/// Liaison review (appeals' own facts name the liaison official): official 1 reviews R1 (E1; review step
/// due 3 Feb 16:00 UTC) on 3 Feb, on time, and R2 (E2; due 3 Mar 16:00) on 4 Mar, late (its `reviewed`
/// event published before its `submitted` one); official 2's R3 (E4; due 10 Mar 16:00) goes overdue in
/// its review step and is reviewed on 11 Mar, late; official 3 reviews R4 (E5, submitted 31 Mar) on
/// 31 Mar 16:30 UTC, 1 April in Beijing, on time. Q1: official 1 reviewed 2, on time 1 (50.0);
/// official 2 1, 0 (0.0); official 3 none (no rate). Q2: official 3 is listed for R4 alone: 1, 1 (100.0).
///
/// Operating statuses (the month is the event's, not the recording's): E1 2026-01 by official 1 on 3 Feb,
/// revised by official 3 (still assigned) on 5 Feb, that revision published first: official 3's. E1 2026-02
/// by official 1 on 2 Mar, revised by them on 4 Mar, the first record delivered again after the revision.
/// E4 2026-03 by official 2 on 1 April (Beijing). E2 2026-04 by official 1. Recorded in Q1: officials 1, 2
/// and 3 one each; in Q2 official 1 one. Missing (both quarters are past: every month counts), of the
/// enterprises held now: Q1 official 1 E1 March and E2's three months, 4; official 2 E4 January and
/// February, 2; official 3 none. Q2 official 1 E1's three months and E2 May and June, 5; official 2 3.
@Suite("Liaison work statistics from the identity, appeals and policy topics", .serialized)
struct LiaisonStatisticsTests {
    let unitU = UUID(), unitV = UUID()
    let official1 = UUID(), official2 = UUID(), official3 = UUID()
    let e1 = UUID(), e2 = UUID(), e3 = UUID(), e4 = UUID(), e5 = UUID()
    let b1 = UUID(), b2 = UUID(), b3 = UUID(), b4 = UUID()
    let r1 = UUID(), r2 = UUID(), r3 = UUID(), r4 = UUID()

    static func at(_ text: String) -> Date { EventTime.parse(text)! }

    func briefing(_ id: UUID, by official: UUID?, unit: UUID?) -> BriefingFacts {
        if let official {
            return BriefingFacts(id: id, title: "包联成效", submitterKind: .official, submittedBy: official, unitID: unit, enterpriseID: nil)
        }
        return BriefingFacts(id: id, title: "企业动态", submitterKind: .enterprise, submittedBy: UUID(), unitID: nil, enterpriseID: e1)
    }

    /// An appeal of `enterprise`, whose liaison official is `liaison`, as the appeals service's events tell it.
    func appeal(_ id: UUID, of enterprise: UUID, liaison: UUID, submitted: String, status: String, step: String, due: String) -> CaseFacts {
        CaseFacts(
            id: id, kind: .appeal, serialNumber: "SQ" + String(submitted.prefix(7).filter(\.isNumber)) + String(id.uuidString.prefix(4)),
            title: "包联审核用诉求", enterpriseID: enterprise, enterpriseName: "包联示范企业", region: "410402",
            category: "policyNotImplemented", status: status, unitID: nil, unitName: nil, liaisonOfficialID: liaison, step: step,
            dueAt: Self.at(due), submittedAt: Self.at(submitted), closedAt: nil)
    }

    /// Appeal `id`'s liaison review: submitted into the review step (due `due`), the step going overdue
    /// at its due time when `overdue`, and reviewed by `liaison` at `reviewed` (into the dispatch step);
    /// `reviewedFirst` publishes the review before the submission.
    func review(
        _ id: UUID, of enterprise: UUID, by liaison: UUID, submitted: String, due: String, overdue: Bool = false, reviewed: String,
        dispatchDue: String, reviewedFirst: Bool = false
    ) throws -> [EventEnvelope] {
        func appeals(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .appeals) }
        func facts(_ status: String, _ step: String, _ due: String) -> CaseFacts {
            appeal(id, of: enterprise, liaison: liaison, submitted: submitted, status: status, step: step, due: due)
        }
        func move(_ from: String?, _ to: String, by actor: UUID?, _ role: String, at: String) -> TransitionFacts {
            TransitionFacts(actorID: actor, actorRole: role, actorUnitID: nil, fromStatus: from, toStatus: to, note: nil, at: Self.at(at))
        }
        var events = [
            try appeals(AppealSubmitted(
                item: facts("reviewing", "review", due), transition: move(nil, "reviewing", by: UUID(), "enterprise", at: submitted)))
        ]
        if overdue {
            events.append(try appeals(AppealOverdue(
                item: facts("reviewing", "review", due), transition: move("reviewing", "reviewing", by: nil, "system", at: due))))
        }
        let review = try appeals(AppealReviewed(
            item: facts("dispatching", "dispatch", dispatchDue),
            transition: move("reviewing", "dispatching", by: liaison, "liaison", at: reviewed), textCorrected: false))
        return reviewedFirst ? [review] + events : events + [review]
    }

    /// The events in publishing order (one assignment, one contact gap and one operating-status record appear twice: delivered twice).
    func events() throws -> (all: [EventEnvelope], duplicated: EventEnvelope) {
        func identity(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .identity) }
        func appeals(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .appeals) }
        func policy(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .policy) }
        func profile(_ id: UUID, _ name: String) -> OfficialProfile {
            OfficialProfile(officialID: id, name: name, unitID: unitU, region: "410400", roles: [.liaison], active: true)
        }
        func rating(_ enterprise: UUID, _ quarter: String, _ s: (Int, Int, Int, Int), at: String) throws -> EventEnvelope {
            try appeals(OfficialRated(
                ratingID: UUID(), officialID: official1, enterpriseID: enterprise, quarter: quarter,
                scores: .init(epidemicGuide: s.0, developmentAdvisor: s.1, appealMediator: s.2, policyPromoter: s.3), ratedAt: Self.at(at)))
        }
        func status(_ enterprise: UUID, _ month: String, by official: UUID, _ code: String, at: String, revised: Bool) throws -> EventEnvelope {
            try identity(LiaisonOperatingStatusRecorded(
                enterpriseID: enterprise, month: month, status: code, recordedBy: official, recordedAt: Self.at(at), revised: revised))
        }
        let assignedE2 = try identity(LiaisonAssigned(enterpriseID: e2, officialID: official1, unitID: unitU, assignedAt: Self.at("2026-01-06T02:00:00Z")))
        let gapE2 = try identity(LiaisonContactGap(enterpriseID: e2, officialID: official1, month: "2026-02"))
        let (o1, o3) = (briefing(b1, by: official1, unit: unitU), briefing(b2, by: official3, unit: unitV))
        let april = briefing(b3, by: official1, unit: unitU)
        let statusE1February = try status(e1, "2026-02", by: official1, "difficult", at: "2026-03-02T02:00:00Z", revised: false)
        let all = [
            try identity(LiaisonAssigned(enterpriseID: e1, officialID: official1, unitID: unitU, assignedAt: Self.at("2026-01-05T02:00:00Z"))),
            assignedE2, assignedE2,
            // E3: the unassignment (newer) arrives before the assignment it ends.
            try identity(LiaisonUnassigned(enterpriseID: e3, officialID: official1, unassignedAt: Self.at("2026-02-10T02:00:00Z"))),
            try identity(LiaisonAssigned(enterpriseID: e3, officialID: official1, unitID: unitU, assignedAt: Self.at("2026-01-07T02:00:00Z"))),
            // E4: an older unassignment arrives after a newer assignment.
            try identity(LiaisonAssigned(enterpriseID: e4, officialID: official2, unitID: unitU, assignedAt: Self.at("2026-03-01T02:00:00Z"))),
            try identity(LiaisonUnassigned(enterpriseID: e4, officialID: official2, unassignedAt: Self.at("2026-02-01T02:00:00Z"))),
            try identity(LiaisonAssigned(enterpriseID: e1, officialID: official3, unitID: unitV, assignedAt: Self.at("2026-01-10T02:00:00Z"))),
            try identity(LiaisonUnassigned(enterpriseID: e1, officialID: official3, unassignedAt: Self.at("2026-02-15T02:00:00Z"))),
            try identity(LiaisonContactGap(enterpriseID: e1, officialID: official1, month: "2026-01")),
            gapE2, gapE2,
            try identity(LiaisonContactGap(enterpriseID: e1, officialID: official1, month: "2026-04")),
            // E1 2026-01: official 3's newer revision arrives before official 1's older record.
            try status(e1, "2026-01", by: official3, "normal", at: "2026-02-05T02:00:00Z", revised: true),
            try status(e1, "2026-01", by: official1, "difficult", at: "2026-02-03T02:00:00Z", revised: false),
            // E1 2026-02: revised by a later event; the first record delivered again after it.
            statusE1February,
            try status(e1, "2026-02", by: official1, "suspended", at: "2026-03-04T02:00:00Z", revised: true),
            statusE1February,
            try status(e4, "2026-03", by: official2, "normal", at: "2026-03-31T16:30:00Z", revised: false),
            try status(e2, "2026-04", by: official1, "normal", at: "2026-04-10T02:00:00Z", revised: false),
            try rating(e1, "2026-Q1", (5, 4, 3, 2), at: "2026-03-20T02:00:00Z"),
            try rating(e2, "2026-Q1", (4, 4, 4, 5), at: "2026-03-21T02:00:00Z"),
            try rating(e1, "2026-Q2", (1, 1, 1, 1), at: "2026-06-20T02:00:00Z"),
            // B1: published before submitted.
            try policy(BriefingPublished(briefing: o1, publishedBy: UUID(), publishedAt: Self.at("2026-02-11T02:00:00Z"))),
            try policy(BriefingSubmitted(briefing: o1, submittedAt: Self.at("2026-02-10T02:00:00Z"))),
            try policy(BriefingSubmitted(briefing: o3, submittedAt: Self.at("2026-03-05T02:00:00Z"))),
            try policy(BriefingReturned(briefing: o3, reason: "内容不完整", returnedBy: UUID(), returnedAt: Self.at("2026-03-06T02:00:00Z"))),
            try policy(BriefingSubmitted(briefing: april, submittedAt: Self.at("2026-03-31T16:30:00Z"))),
            try policy(BriefingPublished(briefing: april, publishedBy: UUID(), publishedAt: Self.at("2026-04-01T02:00:00Z"))),
            try policy(BriefingSubmitted(briefing: briefing(b4, by: nil, unit: nil), submittedAt: Self.at("2026-03-10T02:00:00Z"))),
            // Names: official 1 renamed on 1 March, an older rename arriving after it; unit U named; V never.
            try identity(UnitCreated(unit: UnitProfile(unitID: unitU, name: "市发改委", kind: .department, parentID: nil, region: "410400"))),
            try identity(OfficialCreated(official: profile(official1, "王建国"), createdAt: Self.at("2026-01-01T02:00:00Z"))),
            try identity(OfficialUpdated(official: profile(official1, "王建华"), updatedAt: Self.at("2026-03-01T02:00:00Z"))),
            try identity(OfficialUpdated(official: profile(official1, "王旧名"), updatedAt: Self.at("2026-02-01T02:00:00Z"))),
        ]
        let reviews = [
            try review(
                r1, of: e1, by: official1, submitted: "2026-02-02T02:00:00Z", due: "2026-02-03T16:00:00Z", reviewed: "2026-02-03T02:00:00Z",
                dispatchDue: "2026-02-04T16:00:00Z"),
            // Reviewed after the due time; the review arrives before the submission that says when it was due.
            try review(
                r2, of: e2, by: official1, submitted: "2026-03-02T02:00:00Z", due: "2026-03-03T16:00:00Z", reviewed: "2026-03-04T02:00:00Z",
                dispatchDue: "2026-03-05T16:00:00Z", reviewedFirst: true),
            try review(
                r3, of: e4, by: official2, submitted: "2026-03-09T02:00:00Z", due: "2026-03-10T16:00:00Z", overdue: true,
                reviewed: "2026-03-11T01:00:00Z", dispatchDue: "2026-03-12T16:00:00Z"),
            // On time, on 1 April in Beijing: a second-quarter review.
            try review(
                r4, of: e5, by: official3, submitted: "2026-03-31T02:00:00Z", due: "2026-04-01T16:00:00Z", reviewed: "2026-03-31T16:30:00Z",
                dispatchDue: "2026-04-02T16:00:00Z"),
        ]
        return (all + reviews.joined(), assignedE2)
    }

    // Its consumer reads the topics from the beginning: a broker of its own holds only these events.
    @Test("a seeded quarter's liaison and briefing figures equal the hand-computed ones; late, out-of-order and repeated events land the same; access and quarter checked", .ownBroker)
    func seededQuarter() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        let (envelopes, duplicated) = try events()
        let distinct = Set(envelopes.map(\.id)).count
        try await StatisticsSeed.publish(envelopes)
        try await harness.service.application().test(.live) { client in
            // Every event applied once by the statistics consumer (the identity projection keeps its own inbox rows;
            // the case events are recorded as kept events instead).
            let applied = await StatisticsTests.eventually {
                let rows = try? await harness.dependencies.pool.query(
                    """
                    SELECT ((SELECT count(*) FROM inbox WHERE consumer LIKE 'filing.filing-statistics.%')
                        + (SELECT count(*) FROM stat_case_events))::int AS n
                    """)
                return (try? rows?.first?.decode("n", as: Int.self)) == distinct
            }
            #expect(applied)
            let once = try await harness.dependencies.pool.query(
                "SELECT count(*)::int AS n FROM inbox WHERE event_id = \(duplicated.id) AND consumer LIKE 'filing.filing-statistics.%'")
            #expect(try once.first?.decode("n", as: Int.self) == 1)

            func report(_ path: String, as claims: AccessClaims = inspector) async throws -> [String: [String: Any]] {
                let response = try await harness.call(client, .get, path, as: claims)
                #expect(response.status == .ok, "\(path): \(response.text)")
                return Dictionary(response.items.map { (($0["officialID"] ?? $0["unitID"]) as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            }

            let q1 = try await report("/statistics/liaison/2026-Q1")
            #expect(Set(q1.keys) == [official1.uuidString, official2.uuidString, official3.uuidString])
            let one = try #require(q1[official1.uuidString])
            #expect(one["unitID"] as? String == unitU.uuidString)
            #expect(one["officialName"] as? String == "王建华" && one["unitName"] as? String == "市发改委")
            #expect(q1[official2.uuidString]?["officialName"] == nil && q1[official2.uuidString]?["unitName"] as? String == "市发改委")
            #expect(q1[official3.uuidString]?["unitName"] == nil)  // V was never named
            #expect(one["enterprises"] as? Int == 2)  // E1, E2; not E3 (its older assignment arrived after its unassignment)
            #expect(one["contactGaps"] as? Int == 2)
            #expect(one["operatingStatusesRecorded"] as? Int == 1)  // E1 February; E1 January's latest record is official 3's
            #expect(one["operatingStatusesMissing"] as? Int == 4)  // E1 March, E2 January to March
            #expect(one["ratings"] as? Int == 2)
            let averages = try #require(one["averageScores"] as? [String: Any])
            #expect(averages["epidemicGuide"] as? String == "4.50")
            #expect(averages["developmentAdvisor"] as? String == "4.00")
            #expect(averages["appealMediator"] as? String == "3.50")
            #expect(averages["policyPromoter"] as? String == "3.50")
            #expect(one["briefingsSubmitted"] as? Int == 1)  // B3 went in on 1 April, Beijing time
            #expect(one["briefingsPublished"] as? Int == 1)
            #expect(one["reviewed"] as? Int == 2)  // R1 on time, R2 after its due time
            #expect(one["reviewedOnTime"] as? Int == 1)
            #expect(one["reviewedOnTimeRate"] as? String == "50.0")
            let two = try #require(q1[official2.uuidString])
            #expect(two["unitID"] as? String == unitU.uuidString)
            #expect(two["enterprises"] as? Int == 1)  // the older unassignment did not end the newer assignment
            #expect(two["contactGaps"] as? Int == 0)
            #expect(two["operatingStatusesRecorded"] as? Int == 1)  // E4 March, recorded on 1 April
            #expect(two["operatingStatusesMissing"] as? Int == 2)
            #expect(two["ratings"] as? Int == 0)
            #expect(two["averageScores"] == nil)
            #expect(two["briefingsSubmitted"] as? Int == 0 && two["briefingsPublished"] as? Int == 0)
            #expect(two["reviewed"] as? Int == 1)  // R3, its review step overdue before the review
            #expect(two["reviewedOnTime"] as? Int == 0)
            #expect(two["reviewedOnTimeRate"] as? String == "0.0")
            let three = try #require(q1[official3.uuidString])
            #expect(three["unitID"] as? String == unitV.uuidString)
            #expect(three["enterprises"] as? Int == 0)
            #expect(three["operatingStatusesRecorded"] as? Int == 1)  // E1 January, no longer theirs
            #expect(three["operatingStatusesMissing"] as? Int == 0)
            #expect(three["briefingsSubmitted"] as? Int == 1)
            #expect(three["briefingsPublished"] as? Int == 0)
            #expect(three["reviewed"] as? Int == 0, "R4 was reviewed on 1 April, Beijing time")
            #expect(three["reviewedOnTime"] as? Int == 0)
            #expect(three["reviewedOnTimeRate"] == nil)

            let q2 = try await report("/statistics/liaison/2026-Q2")
            let oneQ2 = try #require(q2[official1.uuidString])
            #expect(oneQ2["contactGaps"] as? Int == 1)
            #expect(oneQ2["operatingStatusesRecorded"] as? Int == 1)
            #expect(oneQ2["operatingStatusesMissing"] as? Int == 5)
            #expect(q2[official2.uuidString]?["operatingStatusesRecorded"] as? Int == 0)
            #expect(q2[official2.uuidString]?["operatingStatusesMissing"] as? Int == 3)
            #expect(oneQ2["ratings"] as? Int == 1)
            #expect((oneQ2["averageScores"] as? [String: Any])?["policyPromoter"] as? String == "1.00")
            #expect(oneQ2["briefingsSubmitted"] as? Int == 1 && oneQ2["briefingsPublished"] as? Int == 1)
            #expect(oneQ2["reviewed"] as? Int == 0 && oneQ2["reviewedOnTimeRate"] == nil)
            #expect(q2[official2.uuidString]?["reviewed"] as? Int == 0)
            // Official 3 has no enterprise now and nothing else in Q2: listed for the review alone.
            let threeQ2 = try #require(q2[official3.uuidString])
            #expect(threeQ2["unitID"] as? String == unitV.uuidString)
            #expect(threeQ2["enterprises"] as? Int == 0 && threeQ2["contactGaps"] as? Int == 0 && threeQ2["ratings"] as? Int == 0)
            #expect(threeQ2["briefingsSubmitted"] as? Int == 0 && threeQ2["briefingsPublished"] as? Int == 0)
            #expect(threeQ2["reviewed"] as? Int == 1)
            #expect(threeQ2["reviewedOnTime"] as? Int == 1)
            #expect(threeQ2["reviewedOnTimeRate"] as? String == "100.0")
            #expect(threeQ2["operatingStatusesRecorded"] as? Int == 0 && threeQ2["operatingStatusesMissing"] as? Int == 0)

            // The latest record of each month is kept, whatever the order its events came in.
            let kept = try await harness.dependencies.pool.query(
                "SELECT month, status, recorded_by FROM stat_operating_statuses WHERE enterprise_id = \(e1) ORDER BY month")
            #expect(try kept.map { try $0.decode("month", as: String.self) } == ["2026-01", "2026-02"])
            #expect(try kept.map { try $0.decode("status", as: String.self) } == ["normal", "suspended"])
            #expect(try kept.map { try $0.decode("recorded_by", as: UUID.self) } == [official3, official1])
            // No month of a future quarter has ended: nothing is missing yet.
            #expect(try await report("/statistics/liaison/2999-Q1")[official1.uuidString]?["operatingStatusesMissing"] as? Int == 0)
            // A rebuild refolds the per-case facts only; the other liaison figures stay as their events left them.
            #expect(try await harness.call(client, .post, "/statistics/rebuild", as: harness.platformAdmin).status == .ok)
            let rebuilt = try await report("/statistics/liaison/2026-Q1")
            let measures = ["enterprises", "contactGaps", "operatingStatusesRecorded", "operatingStatusesMissing", "reviewed", "reviewedOnTime"]
            for official in [official1, official2, official3] {
                let key = official.uuidString
                #expect(measures.map { rebuilt[key]?[$0] as? Int } == measures.map { q1[key]?[$0] as? Int }, "\(key)")
            }

            // The unit filter, a unit admin's own unit, paging.
            #expect(Set(try await report("/statistics/liaison/2026-Q1?unit=\(unitV)").keys) == [official3.uuidString])
            let adminU = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: unitU)
            #expect(Set(try await report("/statistics/liaison/2026-Q1", as: adminU).keys) == [official1.uuidString, official2.uuidString])
            #expect(try await harness.call(client, .get, "/statistics/liaison/2026-Q1?unit=\(unitV)", as: adminU).status == .forbidden)
            let paged = try await harness.call(client, .get, "/statistics/liaison/2026-Q1?size=1&page=2", as: inspector)
            #expect(paged.body["total"] as? Int == 3)
            #expect(paged.items.count == 1)

            // Briefings per unit; the enterprise's briefing has no unit.
            func counts(_ row: [String: Any]?) -> [Int?] { ["submitted", "published", "returned"].map { row?[$0] as? Int } }
            let units = try await report("/statistics/briefings/2026-Q1")
            #expect(Set(units.keys) == [unitU.uuidString, unitV.uuidString])
            #expect(counts(units[unitU.uuidString]) == [1, 1, 0])
            #expect(units[unitU.uuidString]?["unitName"] as? String == "市发改委")
            #expect(counts(units[unitV.uuidString]) == [1, 0, 1])
            let unitsQ2 = try await report("/statistics/briefings/2026-Q2")
            #expect(Set(unitsQ2.keys) == [unitU.uuidString])
            #expect(counts(unitsQ2[unitU.uuidString]) == [1, 1, 0])
            #expect(Set(try await report("/statistics/briefings/2026-Q1", as: adminU).keys) == [unitU.uuidString])

            // Input and access.
            for (path, field) in [
                ("/statistics/liaison/2026-Q5", "quarter"), ("/statistics/liaison/2026-03", "quarter"), ("/statistics/liaison/1999-Q1", "quarter"),
                ("/statistics/briefings/2026-Q0", "quarter"), ("/statistics/liaison/2026-Q1?unit=x", "unit"),
                ("/statistics/briefings/2026-Q1?size=0", "size"),
            ] {
                let response = try await harness.call(client, .get, path, as: inspector)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.errorField == field, "\(path)")
            }
            let dispatcher = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["dispatcher"], unitID: unitU)
            let liaison = AccessClaims(accountID: official1, accountKind: .official, roles: ["liaison"], unitID: unitU)
            for path in ["/statistics/liaison/2026-Q1", "/statistics/briefings/2026-Q1"] {
                #expect(try await harness.call(client, .get, path, as: nil).status == .unauthorized, "\(path)")
                #expect(try await harness.call(client, .get, path, as: dispatcher).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: liaison).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.filerA).status == .forbidden, "\(path)")
                #expect(try await harness.call(client, .get, path, as: harness.cityStatistician).status == .ok, "\(path)")
            }
        }
    }
}
