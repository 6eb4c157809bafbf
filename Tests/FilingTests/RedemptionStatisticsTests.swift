@testable import FilingApp
import Contracts
import Foundation
import HummingbirdTesting
import Testing
import TestSupport

/// 政策兑现 figures from events published to the real policy topic: a seeded March 2026 (Beijing)
/// with the figures computed by hand below.
///
/// Unit U: 1 submitted 2 Mar 10:00, returned, resubmitted, accepted 3 Mar 12:00 (26.0 h after its
/// first submission), approved 300,000 on time on 10 Mar, rated 非常不满意 (its `rated` event published
/// before `concluded`, and `concluded` twice), the follow-up answered; 2 accepted after 2.0 h, overdue,
/// rejected late on 25 Mar, not rated; 3 accepted after 24.0 h, overdue in April, still open; 4
/// submitted 28 Feb 17:00 UTC (1 March in Beijing), not yet accepted. Unit V: 5, all in April.
/// March for U: received 4, returned 1, median hours to accept 24.0 (of 2.0, 24.0, 26.0), concluded 2,
/// on time 1 (50.0 %), approved 1 for 300000.00, rated 1 (coverage 50.0 %), follow-ups 1 answered 1
/// (100.0 %), overdue now 1.
@Suite("Redemption statistics from the policy topic", .serialized)
struct RedemptionStatisticsTests {
    let unitU = UUID(), unitV = UUID()
    let ids = (0..<5).map { _ in UUID() }

    static func at(_ text: String) -> Date { EventTime.parse(text)! }

    func facts(_ n: Int, submitted: String, round: Int = 1) -> RedemptionApplicationFacts {
        RedemptionApplicationFacts(
            id: ids[n], itemID: ids[0], itemTitle: "建筑业企业研发投入奖补", project: "平顶山推动建筑业企业科技创新项目", unitID: n == 4 ? unitV : unitU,
            applicantKind: "enterprise", enterpriseID: UUID(), applicantID: UUID(), round: round, submittedAt: Self.at(submitted))
    }

    func move(_ from: String?, _ to: String, at: String) -> RedemptionApplicationTransition {
        RedemptionApplicationTransition(from: from, to: to, by: UUID(), at: Self.at(at), note: nil)
    }

    func events() throws -> [EventEnvelope] {
        func envelope(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .policy) }
        let one = facts(0, submitted: "2026-03-02T02:00:00Z")
        let concludedOne = try envelope(RedemptionApplicationConcluded(
            application: one, transition: move("processing", "approved", at: "2026-03-10T02:00:00Z"), decision: "approved", grantedAmount: "300000",
            reason: nil, dueAt: Self.at("2026-03-24T16:00:00Z"), onTime: true))
        let two = facts(1, submitted: "2026-03-05T02:00:00Z")
        let three = facts(2, submitted: "2026-03-30T02:00:00Z")
        let five = facts(4, submitted: "2026-04-01T02:00:00Z")
        return [
            try envelope(RedemptionApplicationSubmitted(application: one, transition: move(nil, "received", at: "2026-03-02T02:00:00Z"))),
            try envelope(RedemptionApplicationReturned(application: one, transition: move("received", "returned", at: "2026-03-02T06:00:00Z"), reason: "缺章")),
            try envelope(RedemptionApplicationResubmitted(application: one, transition: move("returned", "received", at: "2026-03-03T02:00:00Z"))),
            try envelope(RedemptionApplicationAccepted(
                application: one, transition: move("received", "processing", at: "2026-03-03T04:00:00Z"), processingDays: 15,
                dueAt: Self.at("2026-03-24T16:00:00Z"))),
            try envelope(RedemptionApplicationRated(application: one, level: "veryDissatisfied", hasComment: true, ratedAt: Self.at("2026-03-11T02:00:00Z"))),
            try envelope(RedemptionFollowUpOpened(application: one, level: "veryDissatisfied", dueAt: Self.at("2026-03-18T16:00:00Z"), openedAt: Self.at("2026-03-11T02:00:00Z"))),
            concludedOne, concludedOne,
            try envelope(RedemptionFollowUpAnswered(
                application: one, answeredBy: UUID(), answeredAt: Self.at("2026-03-13T02:00:00Z"), dueAt: Self.at("2026-03-18T16:00:00Z"), onTime: true)),
            try envelope(RedemptionApplicationSubmitted(application: two, transition: move(nil, "received", at: "2026-03-05T02:00:00Z"))),
            try envelope(RedemptionApplicationAccepted(
                application: two, transition: move("received", "processing", at: "2026-03-05T04:00:00Z"), processingDays: 5,
                dueAt: Self.at("2026-03-12T16:00:00Z"))),
            try envelope(RedemptionApplicationOverdue(application: two, dueAt: Self.at("2026-03-12T16:00:00Z"), markedAt: Self.at("2026-03-13T00:00:00Z"))),
            try envelope(RedemptionApplicationConcluded(
                application: two, transition: move("processing", "rejected", at: "2026-03-25T02:00:00Z"), decision: "rejected", grantedAmount: nil,
                reason: "不符合条件", dueAt: Self.at("2026-03-12T16:00:00Z"), onTime: false)),
            try envelope(RedemptionApplicationSubmitted(application: three, transition: move(nil, "received", at: "2026-03-30T02:00:00Z"))),
            try envelope(RedemptionApplicationAccepted(
                application: three, transition: move("received", "processing", at: "2026-03-31T02:00:00Z"), processingDays: 5,
                dueAt: Self.at("2026-04-07T16:00:00Z"))),
            try envelope(RedemptionApplicationOverdue(application: three, dueAt: Self.at("2026-04-07T16:00:00Z"), markedAt: Self.at("2026-04-08T00:00:00Z"))),
            try envelope(RedemptionApplicationSubmitted(
                application: facts(3, submitted: "2026-02-28T17:00:00Z"), transition: move(nil, "received", at: "2026-02-28T17:00:00Z"))),
            try envelope(RedemptionApplicationSubmitted(application: five, transition: move(nil, "received", at: "2026-04-01T02:00:00Z"))),
        ]
    }

    // Its consumer reads the policy topic from the beginning: a broker of its own holds only these events.
    @Test("a seeded month's redemption figures per unit equal the hand-computed ones; an event delivered twice or out of order counts once, in its own month", .ownBroker)
    func seededMonth() async throws {
        let harness = try await FilingHarness.make()
        defer { Task { await harness.service.stop() } }
        let inspector = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["inspector"])
        try await StatisticsSeed.publish(try events())
        try await harness.service.application().test(.live) { client in
            func figures(_ month: String, as claims: AccessClaims = inspector) async throws -> [[String: Any]] {
                try await harness.call(client, .get, "/statistics/redemption/\(month)", as: claims).items
            }
            let applied = await StatisticsTests.eventually {
                let march = (try? await figures("2026-03")) ?? []
                let april = (try? await figures("2026-04")) ?? []
                return march.first?["followUpsAnswered"] as? Int == 1 && march.first?["concluded"] as? Int == 2 && march.first?["received"] as? Int == 4
                    && march.first?["overdueNow"] as? Int == 1 && april.contains { $0["unitID"] as? String == unitV.uuidString }
            }
            #expect(applied)
            let march = try await figures("2026-03")
            #expect(march.count == 1, "unit V has nothing in March")
            let u = try #require(march.first)
            #expect(u["unitID"] as? String == unitU.uuidString)
            #expect(u["received"] as? Int == 4)
            #expect(u["returned"] as? Int == 1)
            #expect(u["medianHoursToAccept"] as? String == "24.0")
            #expect(u["concluded"] as? Int == 2)
            #expect(u["concludedOnTime"] as? Int == 1)
            #expect(u["concludedOnTimeRate"] as? String == "50.0")
            #expect(u["approved"] as? Int == 1)
            #expect(u["approvedAmount"] as? String == "300000.00")
            #expect(u["rated"] as? Int == 1)
            #expect(u["ratingCoverageRate"] as? String == "50.0")
            #expect(u["followUps"] as? Int == 1)
            #expect(u["followUpsAnswered"] as? Int == 1)
            #expect(u["rectificationRate"] as? String == "100.0")
            #expect(u["overdueNow"] as? Int == 1)

            let unitAdmin = AccessClaims(accountID: UUID(), accountKind: .official, roles: ["unitAdmin"], unitID: unitV)
            let own = try await figures("2026-04", as: unitAdmin)
            #expect(own.map { $0["unitID"] as? String } == [unitV.uuidString])
            #expect(own.first?["received"] as? Int == 1)
            #expect(try await harness.call(client, .get, "/statistics/redemption/2026-03?unit=\(unitU)", as: unitAdmin).status == .forbidden)
            #expect(try await harness.call(client, .get, "/statistics/redemption/2026-03", as: nil).status == .unauthorized)
            #expect(try await harness.call(client, .get, "/statistics/redemption/2026-13", as: inspector).errorField == "month")
        }
    }
}
