import Foundation

/// A redemption item (兑现事项 of a project, 政策兑现) was approved by a reviewer of its implementing
/// unit and is open to applications in its window. The amount is as published: a decimal figure in
/// yuan (`amountFigure`, string-encoded) or a text such as 按实际核定 (`amount` always holds what is shown).
public struct RedemptionItemPublished: DomainEvent {
    public static let eventType = "qinqing.policy.redemption-item.published.v1"
    public static let topic = Topic.policy

    public struct RedemptionItem: Codable, Sendable, Equatable {
        public var id: UUID
        public var project: String
        public var title: String
        /// GB/T 2260 code.
        public var region: String
        /// Policy type codes (reference data).
        public var policyTypes: [String]
        /// 扶持方式, e.g. 资金扶持.
        public var supportKind: String
        public var amount: String
        public var amountFigure: String?
        /// `enterprise` or `individual` (申报对象).
        public var applicantKind: String
        /// 办理时限 in working days from acceptance.
        public var processingDays: Int
        /// The application window, Beijing dates (yyyy-MM-dd), both included.
        public var windowFrom: String
        public var windowTo: String
        /// The implementing unit (实施部门).
        public var unitID: UUID

        public init(
            id: UUID, project: String, title: String, region: String, policyTypes: [String], supportKind: String, amount: String,
            amountFigure: String?, applicantKind: String, processingDays: Int, windowFrom: String, windowTo: String, unitID: UUID
        ) {
            self.id = id
            self.project = project
            self.title = title
            self.region = region
            self.policyTypes = policyTypes
            self.supportKind = supportKind
            self.amount = amount
            self.amountFigure = amountFigure
            self.applicantKind = applicantKind
            self.processingDays = processingDays
            self.windowFrom = windowFrom
            self.windowTo = windowTo
            self.unitID = unitID
        }
    }

    public var item: RedemptionItem
    public var policyID: UUID
    public var policyTitle: String
    public var draftedBy: UUID
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { item.id.uuidString.lowercased() }

    public init(item: RedemptionItem, policyID: UUID, policyTitle: String, draftedBy: UUID, publishedBy: UUID, publishedAt: Date) {
        self.item = item
        self.policyID = policyID
        self.policyTitle = policyTitle
        self.draftedBy = draftedBy
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
