import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Which officials look after an enterprise (platform admins and unit admins assign; history kept).
struct LiaisonController: IdentityController {
    let runtime: IdentityRuntime

    struct AssignBody: Decodable {
        var officialID: UUID
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/:id/liaisons") { request, context -> Response in
            let admin = try context.requireOfficial(.platformAdmin, .unitAdmin)
            let enterpriseID = try context.pathID("id")
            let body = try await request.decodeBody(AssignBody.self, context: context)
            try await runtime.pool.withTransaction { connection in
                guard try await EnterpriseStore.load(enterpriseID, cipher: runtime.cipher, on: connection) != nil else {
                    throw APIError.notFound("enterprise")
                }
                guard let official = try await AccountStore.load(id: body.officialID, on: connection), official.kind == .official,
                    official.active, official.roles.contains("liaison"), let unitID = official.unitID
                else { throw APIError.invalid("officialID", "is not an active liaison official") }
                try await LiaisonAssignments(runtime: runtime).assign(
                    enterpriseID: enterpriseID, officialID: official.id, unitID: unitID, by: admin.accountID, on: connection)
                try await AuditTrail.append(
                    AuditEntry(
                        .liaisonAssigned, actor: admin.accountID, subject: "enterprise:\(enterpriseID)", detail: "official=\(official.id)",
                        clientIP: context.clientIP),
                    on: connection)
            }
            var response = try Done().response(from: request, context: context)
            response.status = .created
            return response
        }
        router.post("/enterprises/:id/liaisons/:officialID/unassignment") { request, context -> Done in
            let admin = try context.requireOfficial(.platformAdmin, .unitAdmin)
            let enterpriseID = try context.pathID("id")
            let officialID = try context.pathID("officialID")
            try await runtime.pool.withTransaction { connection in
                try await LiaisonAssignments(runtime: runtime).unassign(
                    enterpriseID: enterpriseID, officialID: officialID, by: admin.accountID, on: connection)
                try await AuditTrail.append(
                    AuditEntry(
                        .liaisonUnassigned, actor: admin.accountID, subject: "enterprise:\(enterpriseID)", detail: "official=\(officialID)",
                        clientIP: context.clientIP),
                    on: connection)
            }
            return Done()
        }
        router.get("/enterprises/:id/liaisons") { request, context -> Page<LiaisonStore.Assignment> in
            let enterpriseID = try context.pathID("id")
            let paging = try Paging(request)
            let history = request.uri.queryParameters.get("history") == "true"
            return try await runtime.pool.withConnection { connection in
                _ = try await EnterpriseAccess.require(context.principal, enterpriseID, .view, runtime: runtime, on: connection)
                return try await LiaisonStore.assignments(of: enterpriseID, history: history, paging: paging, on: connection)
            }
        }
    }
}
