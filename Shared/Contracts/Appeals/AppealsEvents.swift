/// The appeals service's events on `qinqing.appeals.v1`: one type per transition of an appeal (诉求)
/// or a complaint (营商环境投诉), plus quarterly ratings of officials and the official calendar's
/// published years.
public enum AppealsEvents {
    public static let appeal: [any DomainEvent.Type] = [
        AppealSubmitted.self, AppealResubmitted.self, AppealReviewed.self, AppealDispatched.self,
        AppealSigned.self, AppealReturned.self, AppealCoHandlerAdded.self, AppealProgressReported.self,
        AppealMaterialRequested.self, AppealMaterialSupplied.self, AppealReplied.self, AppealRated.self,
        AppealReopened.self, AppealClosed.self, AppealWithdrawn.self, AppealDueSoon.self,
        AppealOverdue.self, AppealEscalated.self, AppealClosureRequested.self, AppealClosureReturned.self,
        AppealMarkedMajor.self, AppealPlanFiled.self, AppealSubmittedV2.self, AppealDispatchedV2.self, AppealRepliedV2.self,
    ]
    public static let complaint: [any DomainEvent.Type] = [
        ComplaintSubmitted.self, ComplaintResubmitted.self, ComplaintDispatched.self, ComplaintSigned.self,
        ComplaintReturned.self, ComplaintCoHandlerAdded.self, ComplaintProgressReported.self, ComplaintMaterialRequested.self,
        ComplaintMaterialSupplied.self, ComplaintReplied.self, ComplaintRated.self, ComplaintReopened.self,
        ComplaintClosed.self, ComplaintWithdrawn.self, ComplaintDueSoon.self, ComplaintOverdue.self,
        ComplaintEscalated.self, ComplaintClosureRequested.self, ComplaintClosureReturned.self,
        ComplaintMarkedMajor.self, ComplaintPlanFiled.self, ComplaintDispatchedV2.self, ComplaintRepliedV2.self,
    ]
    public static let all: [any DomainEvent.Type] = appeal + complaint + [OfficialRated.self, CalendarYearPublished.self]
}
