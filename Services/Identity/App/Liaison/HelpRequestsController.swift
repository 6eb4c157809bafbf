import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// 申请帮扶 / 我的帮扶: an enterprise's members ask for helpers; platform admins assign officials
/// or reject; the enterprise sees its request log and its helpers.
struct HelpRequestsController: IdentityController {
    let runtime: IdentityRuntime

    typealias HelpRequest = HelpRequestStore.HelpRequest
    typealias Helper = HelpRequestStore.Helper

    struct AssignBody: Decodable { var officialIDs: [UUID] }
    struct ReasonBody: Decodable { var reason: String }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/enterprises/:id/help-requests", use: create)
        router.get("/enterprises/:id/help-requests", use: enterpriseRequests)
        router.get("/enterprises/:id/helpers", use: helpers)
        router.get("/help-requests", use: list)
        router.post("/help-requests/:id/assignment", use: assign)
        router.post("/help-requests/:id/rejection", use: reject)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let enterpriseID = try context.pathID("id")
        let person = try context.requirePerson()
        let body = try await request.decodeBody(HelpRequestForm.Body.self, context: context)
        let id = UUID()
        try await runtime.pool.withTransaction { connection in
            guard try await MembershipStore.activeRole(of: person.accountID, in: enterpriseID, on: connection) != nil,
                let enterprise = try await EnterpriseStore.load(enterpriseID, cipher: runtime.cipher, on: connection)
            else { throw APIError.notFound("enterprise") }
            let form = try await HelpRequestForm.validate(body, of: enterprise, on: connection)
            try await HelpRequestStore.insert(
                id: id, enterpriseID: enterpriseID, requestedBy: person.accountID, form: form, cipher: runtime.cipher, on: connection)
        }
        // The requester is a member: the enterprise's phones are theirs to see.
        var response = try await one(id).disclosed(to: .viewWithPhones).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func enterpriseRequests(_ request: Request, context: AppRequestContext) async throws -> Page<HelpRequest> {
        let enterpriseID = try context.pathID("id")
        return try await runtime.pool.withConnection { connection in
            let (_, level) = try await EnterpriseAccess.require(context.principal, enterpriseID, .view, runtime: runtime, on: connection)
            return try await HelpRequestStore.list(
                enterpriseID: enterpriseID, paging: try Paging(request), cipher: runtime.cipher, on: connection
            ).disclosed(to: level)
        }
    }

    @Sendable func helpers(_ request: Request, context: AppRequestContext) async throws -> Page<Helper> {
        let enterpriseID = try context.pathID("id")
        return try await runtime.pool.withConnection { connection in
            _ = try await EnterpriseAccess.require(context.principal, enterpriseID, .view, runtime: runtime, on: connection)
            return Page(all: try await HelpRequestStore.helpers(of: enterpriseID, on: connection))
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<HelpRequest> {
        let viewer = try context.requireOfficial(.platformAdmin, .inspector)
        let level: EnterpriseAccess.Level = viewer.isOfficial(.platformAdmin) ? .edit : .view
        let status = request.uri.queryParameters.get("status")
        if let status, !["pending", "assigned", "rejected"].contains(status) {
            throw APIError.invalid("status", "must be pending, assigned or rejected")
        }
        let paging = try Paging(request)
        return try await runtime.pool.withConnection {
            try await HelpRequestStore.list(status: status, paging: paging, cipher: runtime.cipher, on: $0)
        }.disclosed(to: level)
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> HelpRequest {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathID("id")
        let body = try await request.decodeBody(AssignBody.self, context: context)
        guard !body.officialIDs.isEmpty, body.officialIDs.count <= 10 else {
            throw APIError.invalid("officialIDs", "must name 1 to 10 officials")
        }
        try await runtime.pool.withTransaction { connection in
            let enterpriseID = try await HelpRequestStore.lockPending(id, on: connection)
            for (index, officialID) in body.officialIDs.enumerated() {
                guard let official = try await AccountStore.load(id: officialID, on: connection), official.kind == .official, official.active else {
                    throw APIError.unknown("officialIDs[\(index)]", "is not an active official")
                }
                try await HelpRequestStore.addHelper(officialID, to: id, on: connection)
            }
            try await HelpRequestStore.decide(id, status: "assigned", reason: nil, by: admin.accountID, on: connection)
            try await runtime.deps.outbox.append(
                HelpRequestAssigned(
                    requestID: id, enterpriseID: enterpriseID, officialIDs: body.officialIDs, assignedBy: admin.accountID,
                    assignedAt: Date()),
                on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    .helpRequestDecided, actor: admin.accountID, subject: "help-request:\(id)", detail: "assigned",
                    clientIP: context.clientIP),
                on: connection)
        }
        return try await one(id).disclosed(to: .edit)
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> HelpRequest {
        let admin = try context.requireOfficial(.platformAdmin)
        let id = try context.pathID("id")
        let body = try await request.decodeBody(ReasonBody.self, context: context)
        let reason = try Validate.text(body.reason, "reason", max: 500)
        try await runtime.pool.withTransaction { connection in
            _ = try await HelpRequestStore.lockPending(id, on: connection)
            try await HelpRequestStore.decide(id, status: "rejected", reason: reason, by: admin.accountID, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    .helpRequestDecided, actor: admin.accountID, subject: "help-request:\(id)", detail: "rejected: \(reason)",
                    clientIP: context.clientIP),
                on: connection)
        }
        return try await one(id).disclosed(to: .edit)
    }

    private func one(_ id: UUID) async throws -> HelpRequest {
        let page = try await runtime.pool.withConnection { try await HelpRequestStore.list(id: id, paging: Paging(), cipher: runtime.cipher, on: $0) }
        guard let first = page.items.first else { throw APIError.notFound("help request") }
        return first
    }
}
