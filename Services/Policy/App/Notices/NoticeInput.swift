import Foundation
import ServiceKit

/// A notice as the implementing unit publishes it: a title, a body (plain text) and the notice's
/// deadline (公示截止), a Beijing date from today on.
struct NoticeInput: Decodable {
    var title: String?
    var body: String?
    var deadline: String?

    func validated(today: String) throws -> (title: String, body: String, deadline: String) {
        let title = try Validate.contentText(title, "title", max: 200)
        let body = try Validate.contentText(body, "body", max: 5000)
        let deadline = try RedemptionItemInput.day(deadline, "deadline")
        guard deadline >= today else { throw APIError.invalid("deadline", "must not be before today (\(today))") }
        return (title, body, deadline)
    }
}
