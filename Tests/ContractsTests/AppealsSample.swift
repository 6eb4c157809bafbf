import Contracts
import Foundation

/// Fixed examples of the appeals events; their JSON is pinned in `Golden/`.
enum AppealsSample {
    static let itemID = UUID(uuidString: "2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091")!
    static let enterpriseID = UUID(uuidString: "3E1F6C2A-1B7D-4E9A-8C11-2F4A5B6C7D80")!
    static let unitID = UUID(uuidString: "7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8")!
    static let coUnitID = UUID(uuidString: "8E7D6C5B-4A39-4827-B6C5-D4E3F2A1B0C9")!
    static let officialID = UUID(uuidString: "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9")!
    static let escalationID = UUID(uuidString: "4A5B6C7D-8E9F-4A0B-9C1D-2E3F4A5B6C7D")!
    static let time = Date(timeIntervalSince1970: 1_795_000_000.25)

    static let appeal = CaseFacts(
        id: itemID, kind: .appeal, serialNumber: "SQ2026110042", title: "新厂房用电报装迟迟未接入",
        enterpriseID: enterpriseID, enterpriseName: "平顶山示范制造有限公司", region: "410402", category: "production",
        status: "inProgress", unitID: unitID, unitName: "市工业和信息化局", liaisonOfficialID: officialID, step: "reply",
        dueAt: time.addingTimeInterval(15 * 86400), submittedAt: time.addingTimeInterval(-86400), closedAt: nil)

    static let complaint = CaseFacts(
        id: itemID, kind: .complaint, serialNumber: "TS2026110007", title: "窗口办事推诿",
        enterpriseID: enterpriseID, enterpriseName: "平顶山示范制造有限公司", region: "410402", category: "administrativeApproval",
        status: "inProgress", unitID: unitID, unitName: "市工业和信息化局", liaisonOfficialID: nil, step: "reply",
        dueAt: time.addingTimeInterval(15 * 86400), submittedAt: time.addingTimeInterval(-86400), closedAt: nil)

    static func transition(_ verb: String) -> TransitionFacts {
        TransitionFacts(
            actorID: officialID, actorRole: "unitAdmin", actorUnitID: unitID, fromStatus: "signing", toStatus: "inProgress",
            note: verb, at: time)
    }
}

extension OfficialRated: GoldenSample {
    static var goldenSample: Self {
        .init(ratingID: AppealsSample.escalationID, officialID: AppealsSample.officialID, enterpriseID: AppealsSample.enterpriseID,
              quarter: "2026-Q4", scores: .init(epidemicGuide: 5, developmentAdvisor: 4, appealMediator: 5, policyPromoter: 3),
              ratedAt: AppealsSample.time)
    }
}

extension CalendarYearPublished: GoldenSample {
    static var goldenSample: Self {
        .init(year: 2026, source: "国办发明电〔2025〕7号", holidays: ["2026-01-01", "2026-01-02", "2026-10-01"],
              makeupWorkdays: ["2026-01-04", "2026-10-10"], publishedBy: AppealsSample.officialID, publishedAt: AppealsSample.time)
    }
}
