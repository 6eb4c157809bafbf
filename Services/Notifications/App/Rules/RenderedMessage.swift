import Foundation

/// One rule's message for one event, rendered once for all its recipients.
struct RenderedMessage: Sendable, Equatable {
    var eventID: UUID
    var eventType: String
    var ruleID: String
    var category: String
    var title: String
    /// The text without the city's signature (the in-site message body).
    var body: String
    var link: String?
    var urgent: Bool
    var signature: String

    /// The SMS text: the signature, then the body, then the link when there is one.
    var smsText: String {
        var text = signature + body
        if let link, !body.contains(link) { text += " " + link }
        return text
    }
}
