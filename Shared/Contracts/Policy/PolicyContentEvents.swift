import Foundation

/// The policy service's content events on `qinqing.policy.v1`: channel items (企业便利化, 营商资讯),
/// announcements (公告栏), briefings (简报投稿) and compilations (政策汇编). The policy library's own events are listed beside these.
public enum PolicyContentEvents {
    public static let all: [any DomainEvent.Type] = [
        ContentItemPublished.self, AnnouncementPublished.self,
        BriefingSubmitted.self, BriefingPublished.self, BriefingReturned.self,
        CompilationPublished.self,
    ]
}
