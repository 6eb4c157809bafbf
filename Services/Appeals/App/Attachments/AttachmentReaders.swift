import Contracts
import Foundation
import Postgres
import ServiceKit

/// Who may read an attachment: the owner enterprise's members, and officials who may see an item
/// whose form names the file.
struct AttachmentReaders: AttachmentAccess {
    let pool: PostgresPool

    func mayRead(_ file: StoredFile<AttachmentStore.Owner>, by principal: AccessClaims) async throws -> Bool {
        if principal.membership?.enterpriseID == file.owner.enterpriseID { return true }
        guard principal.accountKind == .official else { return false }
        let access = CaseAccess(principal: principal)
        return try await pool.withConnection { connection in
            for record in try await AttachmentStore.itemsNaming(file.owner.id, ownedBy: file.owner.enterpriseID, on: connection)
            where try await access.canSee(record, on: connection) {
                return true
            }
            return false
        }
    }
}
