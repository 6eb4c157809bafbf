import Contracts
import Foundation

/// Fixed examples of the policy service's content events; their JSON is pinned in `Golden/`.
enum PolicyContentSample {
    static let itemID = UUID(uuidString: "6A1B2C3D-4E5F-4061-8728-394A5B6C7D8E")!
    static let unitID = UUID(uuidString: "7D6C5B4A-3928-4716-A5B4-C3D2E1F0A9B8")!
    static let editorID = UUID(uuidString: "2B3C4D5E-6F70-4182-93A4-B5C6D7E8F901")!
    static let reviewerID = UUID(uuidString: "3C4D5E6F-7081-4293-A4B5-C6D7E8F90A12")!
    static let enterpriseID = UUID(uuidString: "3E1F6C2A-1B7D-4E9A-8C11-2F4A5B6C7D80")!
    static let time = Date(timeIntervalSince1970: 1_795_000_000.25)
    static let briefing = BriefingFacts(
        id: itemID, title: "我市召开惠企政策宣讲会", submitterKind: .official, submittedBy: editorID, unitID: unitID, enterpriseID: nil)
}

extension ContentItemPublished: GoldenSample {
    static var goldenSample: Self {
        .init(
            item: .init(
                id: PolicyContentSample.itemID, channel: "facilitation", section: "enterpriseStartup", kind: "entry",
                title: "企业开办一网通办", source: "市市场监督管理局", url: "https://www.hnzwfw.gov.cn/", unitID: PolicyContentSample.unitID),
            draftedBy: PolicyContentSample.editorID, publishedBy: PolicyContentSample.reviewerID, publishedAt: PolicyContentSample.time)
    }
}
extension AnnouncementPublished: GoldenSample {
    static var goldenSample: Self {
        .init(
            announcement: .init(
                id: PolicyContentSample.itemID, title: "关于开展2026年度惠企政策兑现的公告",
                audience: .init(kind: .region, region: "420302"), unitID: PolicyContentSample.unitID),
            publishedBy: PolicyContentSample.reviewerID, publishedAt: PolicyContentSample.time)
    }
}
extension BriefingSubmitted: GoldenSample {
    static var goldenSample: Self { .init(briefing: PolicyContentSample.briefing, submittedAt: PolicyContentSample.time) }
}
extension BriefingPublished: GoldenSample {
    static var goldenSample: Self {
        .init(briefing: PolicyContentSample.briefing, publishedBy: PolicyContentSample.reviewerID, publishedAt: PolicyContentSample.time)
    }
}
extension BriefingReturned: GoldenSample {
    static var goldenSample: Self {
        .init(briefing: PolicyContentSample.briefing, reason: "请补充活动照片和参会企业名单", returnedBy: PolicyContentSample.reviewerID,
              returnedAt: PolicyContentSample.time)
    }
}
extension CompilationPublished: GoldenSample {
    static var goldenSample: Self {
        .init(
            compilation: .init(
                id: PolicyContentSample.itemID, title: "2026年惠企政策汇编", unitID: PolicyContentSample.unitID,
                policyIDs: [PolicyContentSample.enterpriseID, PolicyContentSample.editorID]),
            publishedBy: PolicyContentSample.reviewerID, publishedAt: PolicyContentSample.time)
    }
}
