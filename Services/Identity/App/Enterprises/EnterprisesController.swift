import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Online registration, the admins' review (approve / reject with a reason), lists and details.
struct EnterprisesController: IdentityController {
    let runtime: IdentityRuntime

    struct ReasonBody: Decodable {
        var reason: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/registrations", use: register)
        router.get("/enterprises", use: list)
        router.get("/enterprises/:id", use: detail)
        router.get("/enterprises/:id/status-history", use: statusHistory)
        router.post("/enterprises/:id/approval", use: approve)
        router.post("/enterprises/:id/rejection", use: reject)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try context.requirePerson()
        let input = try await request.decodeBody(EnterpriseInput.self, context: context)
        let id = UUID()
        let record = try await UniqueFields.guarding { try await runtime.pool.withTransaction { connection -> EnterpriseRecord in
            let fields = try await EnterpriseFields.validate(input, on: connection)
            try fields.requireRegisteringAuthorityOfRegion()
            try await EnterpriseStore.requireNewUSCC(fields.uscc, tellingStatus: false, on: connection)
            try await EnterpriseStore.insert(
                id: id, fields, status: "pending", origin: "online", registeredBy: person.accountID, cipher: runtime.cipher,
                on: connection)
            guard let record = try await EnterpriseStore.load(id, cipher: runtime.cipher, on: connection) else { throw APIError.internalError }
            try await runtime.deps.outbox.append(
                EnterpriseRegistered(enterprise: record.profile, origin: .online, approved: false, registeredAt: Date()), on: connection)
            try await EnterpriseContact(runtime: runtime).registered(id, fields, on: connection)
            try await AuditTrail.append(
                AuditEntry(.enterpriseRegistered, actor: person.accountID, subject: "enterprise:\(id)", clientIP: context.clientIP),
                on: connection)
            return record
        } }
        var response = try EnterpriseView(record, level: .viewWithPhones).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<EnterpriseView> {
        let viewer = try context.requireOfficial(.platformAdmin, .inspector, .dispatcher, .unitAdmin, .liaison)
        let paging = try Paging(request)
        let parameters = request.uri.queryParameters
        var filter = EnterpriseStore.ListFilter()
        if let status = parameters.get("status") {
            guard ["pending", "approved", "rejected"].contains(status) else {
                throw APIError.invalid("status", "must be pending, approved or rejected")
            }
            filter.status = status
        }
        filter.region = parameters.get("region")
        filter.industry = parameters.get("industry")?.uppercased()
        if let text = parameters.get("q"), !text.isEmpty { filter.text = text }
        if !viewer.isOfficial(.platformAdmin, .inspector, .dispatcher, .unitAdmin) { filter.liaisonID = viewer.accountID }
        let level: EnterpriseAccess.Level = viewer.isOfficial(.platformAdmin) ? .edit : .view
        return try await runtime.pool.withConnection { connection in
            try await EnterpriseStore.list(filter, paging: paging, cipher: runtime.cipher, on: connection) {
                EnterpriseView($0, level: level)
            }
        }
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> EnterpriseView {
        let id = try context.pathID("id")
        return try await runtime.pool.withConnection { connection in
            let (record, level) = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
            return EnterpriseView(record, level: level)
        }
    }

    @Sendable func statusHistory(_ request: Request, context: AppRequestContext) async throws -> Page<EnterpriseStore.StatusEntry> {
        let id = try context.pathID("id")
        return try await runtime.pool.withConnection { connection in
            _ = try await EnterpriseAccess.require(context.principal, id, .view, runtime: runtime, on: connection)
            return Page(all: try await EnterpriseStore.statusHistory(id, on: connection))
        }
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> EnterpriseView {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathID("id")
        return try await EnterpriseReview(runtime: runtime).approve(id, by: admin.accountID, clientIP: context.clientIP)
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> EnterpriseView {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathID("id")
        let body = try await request.decodeBody(ReasonBody.self, context: context)
        let reason = try Validate.text(body.reason, "reason", max: 500)
        return try await EnterpriseReview(runtime: runtime).reject(id, reason: reason, by: admin.accountID, clientIP: context.clientIP)
    }
}
