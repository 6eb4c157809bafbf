import Contracts
import Foundation
import Postgres

/// Sets an account's phone (sealed, with its lookup hash) and tells the notifications service on
/// the restricted contacts topic.
struct ContactChange {
    let runtime: IdentityRuntime

    func setPhone(_ phone: String, of account: Account, on connection: PostgresConnection) async throws {
        try await AccountStore.setPhone(
            try runtime.cipher.seal(phone), hash: runtime.cipher.lookupHash(phone), of: account.id, on: connection)
        try await runtime.deps.outbox.append(
            AccountContactChanged(accountID: account.id, displayName: account.realName, phone: phone, changedAt: Date()),
            on: connection)
    }
}
