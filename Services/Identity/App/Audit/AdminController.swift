import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Platform operations: signing-key rotation, the audit trail and its verification.
struct AdminController: IdentityController {
    let runtime: IdentityRuntime

    struct Rotated: ResponseCodable {
        var currentKeyID: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/admin/signing-keys/rotate", use: rotateKey)
        // Platform admins read the rows; inspectors may also verify the chain.
        AuditController(pool: runtime.pool, readers: [.platformAdmin], verifiers: [.platformAdmin, .inspector])
            .addRoutes(to: router)
    }

    @Sendable func rotateKey(_ request: Request, context: AppRequestContext) async throws -> Rotated {
        let admin = try context.requireOfficial(.platformAdmin)
        let kid = try await runtime.keys.rotate()
        try await runtime.pool.withTransaction { connection in
            _ = try await AuditTrail.append(
                AuditEntry(.keyRotated, actor: admin.accountID, subject: "key:\(kid)", clientIP: context.clientIP), on: connection)
        }
        return Rotated(currentKeyID: kid)
    }
}
