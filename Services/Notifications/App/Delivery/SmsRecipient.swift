import Foundation
import Postgres

/// Whom an SMS is addressed to: an account (its own phone) or an enterprise (its profile's
/// contact phone, which no account holds).
enum SmsRecipient: Sendable, Equatable {
    case account(UUID)
    case enterprise(UUID)

    var id: UUID {
        switch self {
        case .account(let id), .enterprise(let id): id
        }
    }

    var accountID: UUID? { if case .account(let id) = self { id } else { nil } }
    var enterpriseID: UUID? { if case .enterprise(let id) = self { id } else { nil } }

    /// From a row's `account_id` / `enterprise_id` pair (exactly one is set).
    init(row: PostgresRow) throws {
        if let account = try row.decode("account_id", as: UUID?.self) {
            self = .account(account)
        } else {
            self = .enterprise(try row.decode("enterprise_id", as: UUID.self))
        }
    }
}
