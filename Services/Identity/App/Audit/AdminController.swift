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
        router.get("/admin/audit", use: audit)
        router.get("/admin/audit/verification", use: verify)
    }

    @Sendable func rotateKey(_ request: Request, context: AppRequestContext) async throws -> Rotated {
        let admin = try context.requireOfficial(.platformAdmin)
        let kid = try await runtime.keys.rotate()
        try await runtime.pool.withTransaction { connection in
            _ = try await AuditTrail.append(
                AuditEntry(.keyRotated, actor: admin.accountID, subject: "key:\(kid)", clientIP: request.clientIP), on: connection)
        }
        return Rotated(currentKeyID: kid)
    }

    /// Platform admins only (inspectors verify the chain but do not read the rows: unlike the
    /// template's `AuditController`, whose readers do both).
    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Page<AuditRecord> {
        _ = try context.requireOfficial(.platformAdmin)
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        func filter(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let actorID = try filter("actorID").map { text in
            guard let id = UUID(uuidString: text) else { throw APIError.invalid("actorID", "must be a UUID") }
            return id
        }
        return try await runtime.pool.withConnection { connection in
            try await AuditTrail.page(
                subjectKind: filter("subjectKind"), subjectID: filter("subjectID"), action: filter("action"), actorID: actorID,
                paging: paging, on: connection)
        }
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> AuditVerification {
        _ = try context.requireOfficial(.platformAdmin, .inspector)
        return try await AuditTrail.verify(pool: runtime.pool)
    }
}
