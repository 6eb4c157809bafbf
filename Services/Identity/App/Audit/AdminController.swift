import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Platform operations: signing-key rotation and audit-chain verification.
struct AdminController {
    let runtime: IdentityRuntime

    struct Rotated: ResponseCodable {
        var currentKeyID: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/admin/signing-keys/rotate") { request, context -> Rotated in
            let admin = try context.requireOfficial(.platformAdmin)
            let kid = try await runtime.keys.rotate()
            try await runtime.pool.withTransaction { connection in
                try await runtime.audit.append(.keyRotated, actor: admin.accountID, subject: "key:\(kid)", clientIP: request.clientIP, on: connection)
            }
            return Rotated(currentKeyID: kid)
        }
        router.get("/admin/audit/verification") { _, context -> AuditLog.Verification in
            _ = try context.requireOfficial(.platformAdmin, .inspector)
            return try await runtime.audit.verify(pool: runtime.pool)
        }
    }
}

extension AuditLog.Verification: ResponseEncodable {}
