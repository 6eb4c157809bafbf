import Contracts
import Foundation

/// Three months of appeals and one policy (January to March 2025, Beijing; months no other test
/// uses), for the performance review, with the figures a person computes by hand (default rules:
/// concluded on time 40, signed on time 20, satisfied 20, policy within 24 h 20; lagging below 60;
/// 重点督查 after 2 months in a row):
///
/// - 市住建局 `unitP` (叶县 410422): January P1 all on time, satisfied (score 100.0); February P2 signed
///   and concluded late, not satisfied (0.0, lagging); March P3 signed on time, concluded late, not
///   rated ((20×100 + 40×0) / 60 = 33.3, lagging: 重点督查 for 2025-02 and 2025-03).
/// - 市交通局 `unitQ` (鲁山县 410423): March Q1 on time, not satisfied, and a policy published late:
///   (40×100 + 20×100 + 20×0 + 20×0) / 100 = 60.0, exactly the threshold, so not lagging.
/// - 市水利局 `unitR` (鲁山县 410423): March R1 on time, satisfied: 100.0.
/// - Regions in March: 鲁山县 signed 2/2, concluded 2/2, satisfied 1/2, policy 0/1 → 70.0; 叶县 33.3,
///   lagging since February (0.0) → 重点督查.
struct PerformanceSeed {
    let unitP = UUID(), unitQ = UUID(), unitR = UUID()
    let enterpriseID = UUID()
    static let names = ["P": "市住建局", "Q": "市交通局", "R": "市水利局"]

    func events() throws -> [EventEnvelope] {
        var events: [EventEnvelope] = []
        events += try appeal(unit: unitP, name: "市住建局", region: "410422", month: "2025-01", signedLate: false, repliedLate: false, satisfied: true)
        events += try appeal(unit: unitP, name: "市住建局", region: "410422", month: "2025-02", signedLate: true, repliedLate: true, satisfied: false)
        events += try appeal(unit: unitP, name: "市住建局", region: "410422", month: "2025-03", signedLate: false, repliedLate: true, satisfied: nil)
        events += try appeal(unit: unitQ, name: "市交通局", region: "410423", month: "2025-03", signedLate: false, repliedLate: false, satisfied: false)
        events += try appeal(unit: unitR, name: "市水利局", region: "410423", month: "2025-03", signedLate: false, repliedLate: false, satisfied: true)
        let policy = PolicySummary(
            policyID: UUID(), version: 1, title: "交通惠企政策", documentNumber: "平交〔2025〕1号", agencyID: unitQ, agencyName: "市交通局",
            region: "410423", issuedAt: StatisticsSeed.at("2025-03-08T02:00:00Z"), publishedAt: StatisticsSeed.at("2025-03-09T08:00:00Z"),
            policyType: "subsidy", subsidyType: nil, tags: [])
        events.append(try EventEnvelope(PolicyPublished(policy: policy, publishedBy: UUID(), hoursToPublish: "30.00", late: true), producer: .policy))
        return events
    }

    /// One appeal of `month`: dispatched on the 5th (sign due the 6th), signed on the 6th or, late, the
    /// 8th (reply due the 12th), replied on the 10th or, late, the 14th, rated on the 16th if at all.
    func appeal(
        unit: UUID, name: String, region: String, month: String, signedLate: Bool, repliedLate: Bool, satisfied: Bool?
    ) throws -> [EventEnvelope] {
        let id = UUID()
        func at(_ day: String, _ hour: String) -> Date { StatisticsSeed.at("\(month)-\(day)T\(hour):00:00Z") }
        func facts(_ status: String, _ step: String?, _ due: Date?) -> CaseFacts {
            CaseFacts(
                id: id, kind: .appeal, serialNumber: "SQ" + month.replacingOccurrences(of: "-", with: "") + String(id.uuidString.prefix(4)),
                title: "绩效评估用诉求", enterpriseID: enterpriseID, enterpriseName: "平顶山绩效示范有限公司", region: region,
                category: "policyNotImplemented", status: status, unitID: unit, unitName: name, liaisonOfficialID: nil, step: step, dueAt: due,
                submittedAt: at("05", "02"), closedAt: nil)
        }
        func move(_ to: String, _ time: Date) -> TransitionFacts {
            TransitionFacts(actorID: nil, actorRole: "system", actorUnitID: nil, fromStatus: nil, toStatus: to, note: nil, at: time)
        }
        func envelope(_ event: some DomainEvent) throws -> EventEnvelope { try EventEnvelope(event, producer: .appeals) }
        var events = [
            try envelope(AppealDispatched(
                item: facts("signing", "sign", at("06", "16")), transition: move("signing", at("05", "04")), previousUnitID: nil, reason: nil)),
            try envelope(AppealSigned(
                item: facts("inProgress", "reply", at("12", "16")), transition: move("inProgress", signedLate ? at("08", "02") : at("06", "02")))),
            try envelope(AppealReplied(
                item: facts("replied", "rate", at("20", "16")), transition: move("replied", repliedLate ? at("14", "02") : at("10", "02")),
                handlerName: "赵六", content: "已答复")),
        ]
        if let satisfied {
            events.append(try envelope(AppealRated(
                item: facts("awaitingClosure", nil, nil), transition: move("awaitingClosure", at("16", "02")), solved: satisfied, satisfied: satisfied)))
        }
        return events
    }
}
