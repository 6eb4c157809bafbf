import Foundation
import Postgres

/// One SMS as the provider receives it. `phone` is plain text only here, on its way out.
struct OutgoingSms: Sendable {
    var smsID: Int
    var recipient: SmsRecipient
    var phone: String
    var text: String
    var parts: Int
}

/// The gateway SMS go through. `connection` is the dispatcher's transaction (the local provider
/// records into it; a remote one ignores it).
protocol SmsProvider: Sendable {
    var name: String { get }
    /// The provider's id for the message.
    func send(_ sms: OutgoingSms, on connection: PostgresConnection) async throws(SmsProviderError) -> String
}

/// A failed send; `retriable` ones are tried again after a backoff.
struct SmsProviderError: Error, Sendable, CustomStringConvertible {
    var retriable: Bool
    /// Safe to store and show: never the phone or the text.
    var reason: String

    var description: String { reason }
}
