import Contracts
import Foundation
import Logging
import Messaging
import TestSupport

/// A seeded month of appeals and policy events (March 2026, Beijing), published to the real topics,
/// with the figures a person computes by hand from them (see `StatisticsTests`).
///
/// 市发改委 (`unitA`): A on time throughout, rated solved and satisfied, closed (its reply delivered
/// twice); B signed late, replied late, rated neither, reopened and open past its new due time (its
/// `signed` event published last, out of order); C signed on time, reply step overdue, escalated;
/// E submitted 2026-02-28 17:00 UTC (1 March in Beijing), withdrawn.
/// 市市场监管局 (`unitB`): complaint D, signed on time in March, replied in April.
/// Policies of 市发改委: one published on time and one late in March, one in April.
struct StatisticsSeed {
    let unitA = UUID()
    let unitB = UUID()
    let caseA = UUID(), caseB = UUID(), caseC = UUID(), caseD = UUID(), caseE = UUID()
    let policyOnTime = UUID(), policyLate = UUID(), policyApril = UUID()
    let enterpriseID = UUID()

    static func at(_ text: String) -> Date { EventTime.parse(text)! }

    func facts(
        _ id: UUID, _ kind: CaseFacts.Kind = .appeal, submitted: String, status: String, unit: UUID?, step: String?, due: String?,
        closed: String? = nil
    ) -> CaseFacts {
        let unitName = unit == unitA ? "市发改委" : unit == unitB ? "市市场监管局" : nil
        return CaseFacts(
            id: id, kind: kind, serialNumber: (kind == .appeal ? "SQ" : "TS") + "202603" + String(id.uuidString.prefix(4)),
            title: "统计用诉求", enterpriseID: enterpriseID, enterpriseName: "平顶山示范制造有限公司", region: "410402",
            category: kind == .appeal ? "policyNotImplemented" : "inaction", status: status, unitID: unit, unitName: unitName,
            liaisonOfficialID: nil, step: step, dueAt: due.map(Self.at), submittedAt: Self.at(submitted), closedAt: closed.map(Self.at))
    }

    func move(_ to: String, at: String) -> TransitionFacts {
        TransitionFacts(actorID: nil, actorRole: "system", actorUnitID: nil, fromStatus: nil, toStatus: to, note: nil, at: Self.at(at))
    }

    /// The appeals events in publishing order (one envelope appears twice: delivered twice).
    func appealEvents() throws -> [EventEnvelope] {
        func envelope(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .appeals) }
        // A
        let aSubmitted = "2026-03-02T02:00:00Z"
        func a(_ status: String, _ step: String?, _ due: String?, closed: String? = nil) -> CaseFacts {
            facts(caseA, submitted: aSubmitted, status: status, unit: status == "reviewing" ? nil : unitA, step: step, due: due, closed: closed)
        }
        let aReplied = try envelope(
            AppealReplied(item: a("replied", "rate", "2026-03-11T16:00:00Z"), transition: move("replied", at: "2026-03-04T02:00:00Z"), handlerName: "张三", content: "已答复"))
        var events: [EventEnvelope] = [
            try envelope(AppealSubmitted(item: a("reviewing", "review", "2026-03-03T16:00:00Z"), transition: move("reviewing", at: aSubmitted))),
            try envelope(AppealDispatched(
                item: a("signing", "sign", "2026-03-03T16:00:00Z"), transition: move("signing", at: "2026-03-02T04:00:00Z"), previousUnitID: nil, reason: nil)),
            try envelope(AppealSigned(item: a("inProgress", "reply", "2026-03-09T16:00:00Z"), transition: move("inProgress", at: "2026-03-02T06:00:00Z"))),
            aReplied, aReplied,
            try envelope(AppealRated(item: a("awaitingClosure", nil, nil), transition: move("awaitingClosure", at: "2026-03-05T02:00:00Z"), solved: true, satisfied: true)),
            try envelope(AppealClosed(item: a("closed", nil, nil, closed: "2026-03-05T02:01:00Z"), transition: move("closed", at: "2026-03-05T02:01:00Z"), unrated: false)),
        ]
        // B: its `signed` event goes last.
        let bSubmitted = "2026-03-03T02:00:00Z"
        func b(_ status: String, _ step: String?, _ due: String?) -> CaseFacts {
            facts(caseB, submitted: bSubmitted, status: status, unit: unitA, step: step, due: due)
        }
        let bSigned = try envelope(AppealSigned(item: b("inProgress", "reply", "2026-03-09T16:00:00Z"), transition: move("inProgress", at: "2026-03-05T02:00:00Z")))
        events += [
            try envelope(AppealSubmitted(item: facts(caseB, submitted: bSubmitted, status: "reviewing", unit: nil, step: "review", due: "2026-03-04T16:00:00Z"), transition: move("reviewing", at: bSubmitted))),
            try envelope(AppealDispatched(
                item: b("signing", "sign", "2026-03-04T16:00:00Z"), transition: move("signing", at: "2026-03-03T04:00:00Z"), previousUnitID: nil, reason: nil)),
            try envelope(AppealReplied(item: b("replied", "rate", "2026-03-17T16:00:00Z"), transition: move("replied", at: "2026-03-10T02:00:00Z"), handlerName: "李四", content: "已答复")),
            try envelope(AppealRated(item: b("replied", "rate", "2026-03-17T16:00:00Z"), transition: move("replied", at: "2026-03-11T02:00:00Z"), solved: false, satisfied: false)),
            try envelope(AppealReopened(item: b("inProgress", "reply", "2026-03-18T16:00:00Z"), transition: move("inProgress", at: "2026-03-11T02:01:00Z"))),
        ]
        // C: overdue in its reply step, escalated.
        let cSubmitted = "2026-03-20T02:00:00Z"
        func c(_ status: String, _ step: String?, _ due: String?) -> CaseFacts {
            facts(caseC, submitted: cSubmitted, status: status, unit: unitA, step: step, due: due)
        }
        events += [
            try envelope(AppealDispatched(
                item: c("signing", "sign", "2026-03-21T16:00:00Z"), transition: move("signing", at: "2026-03-20T04:00:00Z"), previousUnitID: nil, reason: nil)),
            try envelope(AppealSigned(item: c("inProgress", "reply", "2026-03-27T16:00:00Z"), transition: move("inProgress", at: "2026-03-20T06:00:00Z"))),
            try envelope(AppealOverdue(item: c("inProgress", "reply", "2026-03-27T16:00:00Z"), transition: move("inProgress", at: "2026-03-27T16:00:00Z"))),
            try envelope(AppealEscalated(
                item: c("inProgress", "reply", "2026-03-27T16:00:00Z"), transition: move("inProgress", at: "2026-03-28T02:00:00Z"),
                escalationID: UUID(), note: "督办")),
        ]
        // E: submitted on 1 March in Beijing (28 February in UTC), withdrawn.
        let eSubmitted = "2026-02-28T17:00:00Z"
        events += [
            try envelope(AppealDispatched(
                item: facts(caseE, submitted: eSubmitted, status: "signing", unit: unitA, step: "sign", due: "2026-03-02T16:00:00Z"),
                transition: move("signing", at: "2026-02-28T18:00:00Z"), previousUnitID: nil, reason: nil)),
            try envelope(AppealWithdrawn(
                item: facts(caseE, submitted: eSubmitted, status: "withdrawn", unit: unitA, step: nil, due: nil),
                transition: move("withdrawn", at: "2026-03-01T02:00:00Z"), reason: nil)),
        ]
        // D: a complaint of 市市场监管局, replied in April.
        let dSubmitted = "2026-03-25T02:00:00Z"
        func d(_ status: String, _ step: String?, _ due: String?) -> CaseFacts {
            facts(caseD, .complaint, submitted: dSubmitted, status: status, unit: unitB, step: step, due: due)
        }
        events += [
            try envelope(ComplaintDispatched(
                item: d("signing", "sign", "2026-03-26T16:00:00Z"), transition: move("signing", at: "2026-03-25T04:00:00Z"), previousUnitID: nil, reason: nil)),
            try envelope(ComplaintSigned(item: d("inProgress", "reply", "2026-04-08T16:00:00Z"), transition: move("inProgress", at: "2026-03-26T02:00:00Z"))),
            try envelope(ComplaintReplied(item: d("replied", "rate", "2026-04-15T16:00:00Z"), transition: move("replied", at: "2026-04-02T02:00:00Z"), handlerName: "王五", content: "已答复")),
        ]
        events.append(bSigned)
        return events
    }

    func policyEvents() throws -> [EventEnvelope] {
        func summary(_ id: UUID, issued: String, published: String) -> PolicySummary {
            PolicySummary(
                policyID: id, version: 1, title: "惠企政策", documentNumber: "平发改〔2026〕1号", agencyID: unitA, agencyName: "市发改委",
                region: "410400", issuedAt: Self.at(issued), publishedAt: Self.at(published), policyType: "subsidy", subsidyType: nil, tags: [])
        }
        let late = summary(policyLate, issued: "2026-03-13T02:00:00Z", published: "2026-03-15T02:00:00Z")
        return [
            try EventEnvelope(
                PolicyPublished(policy: summary(policyOnTime, issued: "2026-03-10T01:00:00Z", published: "2026-03-10T05:00:00Z"),
                                publishedBy: UUID(), hoursToPublish: "4.00", late: false), producer: .policy),
            try EventEnvelope(
                PolicyPublishedLate(
                    policyID: policyLate, agencyID: unitA, region: "410400", issuedAt: late.issuedAt, publishedAt: late.publishedAt,
                    hoursToPublish: "48.00"), producer: .policy),
            try EventEnvelope(PolicyPublished(policy: late, publishedBy: UUID(), hoursToPublish: "48.00", late: true), producer: .policy),
            try EventEnvelope(
                PolicyPublished(policy: summary(policyApril, issued: "2026-04-01T01:00:00Z", published: "2026-04-01T03:00:00Z"),
                                publishedBy: UUID(), hoursToPublish: "2.00", late: false), producer: .policy),
        ]
    }

    /// Produces `envelopes` to their topics, in order, waiting for each delivery.
    static func publish(_ envelopes: [EventEnvelope]) async throws {
        let brokers = try TestEnvironment.kafkaBrokers()
        let logger = Logger(label: "test.statistics")
        let admin = try KafkaAdmin(bootstrapServers: brokers, logger: logger)
        // The appeals and policy topics always, and any other the envelopes go to (identity's, for the liaison figures).
        var topics = [Topic.appeals, Topic.policy]
        for envelope in envelopes where !topics.contains(envelope.topic) { topics.append(envelope.topic) }
        for topic in topics {
            try await admin.createTopics([topic.name], partitions: 6)
            try await admin.createTopics([topic.deadLetter.name], partitions: 1)
        }
        var configuration = KafkaProducerConfiguration(bootstrapServers: brokers, clientID: "test-statistics")
        configuration.properties["topic.metadata.refresh.interval.ms"] = "500"
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        let running = Task { try await producer.run() }
        defer { running.cancel() }
        for envelope in envelopes {
            _ = try await producer.send(
                KafkaOutgoingMessage(
                    topic: envelope.topic.name, key: envelope.key, value: Array(envelope.data),
                    headers: envelope.headers.map { KafkaHeader(key: $0.name, string: $0.value) }))
        }
    }
}
