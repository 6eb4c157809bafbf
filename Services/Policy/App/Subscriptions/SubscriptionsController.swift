import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// 订阅中心 (manual 1.10.2): an enterprise's members subscribe by enterprise tags, policy types,
/// issuing agencies and regions (any combination, several values each) and read the messages
/// publications left them, newest first.
struct SubscriptionsController {
    let runtime: PolicyRuntime

    struct Body: Decodable {
        var enterpriseTags: [String]?
        var policyTypes: [String]?
        var agencyIDs: [UUID]?
        var regions: [String]?
        var sms: Bool?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("subscriptions", use: list)
        router.post("subscriptions", use: subscribe)
        router.delete("subscriptions/:id", use: unsubscribe)
        router.get("subscription-messages", use: messages)
        router.post("subscription-messages/:id/read", use: markRead)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Page<SubscriptionStore.Subscription> {
        let (_, membership) = try context.requireMember()
        return Page(all: try await runtime.dependencies.pool.withConnection { connection in
            try await SubscriptionStore.all(of: membership.enterpriseID, on: connection)
        })
    }

    func subscribe(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SubscriptionStore.Subscription> {
        let (principal, membership) = try context.requireMember()
        let body = try await request.decodeBody(Body.self, context: context)
        let tags = try Self.values(body.enterpriseTags, "enterpriseTags")
        let types = try Self.values(body.policyTypes, "policyTypes")
        let regions = try (body.regions ?? []).enumerated().map { try PolicyInput.region($0.element, "regions[\($0.offset)]") }
        guard regions.count <= 50 else { throw APIError.invalid("regions", "must be at most 50") }
        guard (body.agencyIDs ?? []).count <= 50 else { throw APIError.invalid("agencyIDs", "must be at most 50") }
        let agencies = Array(Set(body.agencyIDs ?? []))
        guard !(tags.isEmpty && types.isEmpty && agencies.isEmpty && regions.isEmpty) else {
            throw APIError.invalid("policyTypes", "name at least one enterprise tag, policy type, agency or region")
        }
        let subscription = SubscriptionStore.Subscription(
            id: UUID(), enterpriseTags: tags, policyTypes: types, agencyIDs: agencies, regions: Array(Set(regions)), sms: body.sms ?? false,
            createdAt: Date())
        try await runtime.dependencies.pool.withTransaction { connection in
            let own = try await SubscriptionStore.enterpriseTags(membership.enterpriseID, on: connection)
            if let index = tags.firstIndex(where: { !own.contains($0) }) {
                throw APIError.unknown("enterpriseTags[\(index)]", "is not one of your enterprise's tags")
            }
            if let unknown = try await ReferenceStore.unknown(types, kind: .policyType, on: connection).first, let index = types.firstIndex(of: unknown) {
                throw APIError.unknown("policyTypes[\(index)]", "is not an active policy type")
            }
            guard try await SubscriptionStore.count(of: membership.enterpriseID, on: connection) < 100 else {
                throw APIError.conflict("an enterprise keeps at most 100 subscriptions")
            }
            try await SubscriptionStore.insert(subscription, enterpriseID: membership.enterpriseID, by: principal.accountID, on: connection)
            try await AuditTrail.append(
                AuditEntry(
                    action: "subscribed", subjectKind: "subscription", subjectID: subscription.id.uuidString.lowercased(), by: principal,
                    detail: ["enterpriseID": .string(membership.enterpriseID.uuidString.lowercased()), "after": try AuditDetail.value(subscription)]),
                on: connection)
        }
        return EditedResponse(status: .created, response: subscription)
    }

    func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, membership) = try context.requireMember()
        let id = try context.pathID()
        try await runtime.dependencies.pool.withTransaction { connection in
            guard try await SubscriptionStore.delete(id, of: membership.enterpriseID, on: connection) else { throw APIError.notFound("subscription") }
            try await AuditTrail.append(
                AuditEntry(
                    action: "unsubscribed", subjectKind: "subscription", subjectID: id.uuidString.lowercased(), by: principal,
                    detail: ["enterpriseID": .string(membership.enterpriseID.uuidString.lowercased())]), on: connection)
        }
        return Response(status: .noContent)
    }

    func messages(_ request: Request, context: AppRequestContext) async throws -> Page<SubscriptionStore.Message> {
        let (_, membership) = try context.requireMember()
        let paging = try Paging(request)
        return try await runtime.dependencies.pool.withConnection { connection in
            try await SubscriptionStore.messages(of: membership.enterpriseID, paging: paging, on: connection)
        }
    }

    func markRead(_ request: Request, context: AppRequestContext) async throws -> SubscriptionStore.Message {
        let (_, membership) = try context.requireMember()
        let id = try context.pathID()
        return try await runtime.dependencies.pool.withConnection { connection in
            guard let message = try await SubscriptionStore.markRead(id, of: membership.enterpriseID, at: Date(), on: connection) else {
                throw APIError.notFound("subscription message")
            }
            return message
        }
    }

    /// Distinct trimmed values, at most 50, each named by index when bad.
    static func values(_ values: [String]?, _ field: String) throws -> [String] {
        let list = try (values ?? []).enumerated().map { try Validate.contentText($0.element, "\(field)[\($0.offset)]", max: 64) }
        guard list.count <= 50 else { throw APIError.invalid(field, "must be at most 50") }
        var seen: Set<String> = []
        return list.filter { seen.insert($0).inserted }
    }
}
