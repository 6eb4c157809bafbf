import Foundation
import ServiceKit

extension PolicyService {
    /// Matches the published policy `policyID` against every subscription, as the consumer does on
    /// its `PolicyPublished` event (for operators and the bench); answers the messages written.
    public static func matchSubscriptions(policyID: UUID, dependencies: ServiceDependencies) async throws -> Int {
        try await dependencies.pool.withTransaction { connection in
            guard let policy = try await PolicyStore.load(policyID, on: connection), policy.status == .published else {
                throw APIError.notFound("policy")
            }
            let content = policy.content
            return try await SubscriptionMatcher.match(
                .init(kind: .policy, id: policy.id, title: content.title, policyTypes: [content.policyType], agencyID: policy.agencyID,
                      region: content.region, tags: content.tags), at: Date(), on: connection)
        }
    }
}
