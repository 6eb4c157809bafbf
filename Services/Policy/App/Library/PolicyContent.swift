import Foundation

/// What an editor writes of a policy: everything but its agency (the editor's unit) and its state.
struct PolicyContent: Codable, Sendable, Equatable {
    var title: String
    /// 文号.
    var documentNumber: String
    var region: String
    /// The document's issue time (出台时间).
    var issuedAt: Date
    var policyType: String
    var subsidyType: String?
    var tags: [String]
    /// Sanitized rich text.
    var body: String
    var attachments: [UUID]
}
