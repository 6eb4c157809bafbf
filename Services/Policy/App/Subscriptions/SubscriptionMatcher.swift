import Contracts
import Foundation
import Outbox
import Postgres

/// Matches a publication against every subscription in one statement: each approved enterprise
/// with a matching subscription gets one message (a second delivery of the same publication adds
/// none) and one `SubscriptionMatched` event, written set-based into the outbox.
struct SubscriptionMatcher: EventProjection {
    /// What kind of item a publication is: the `itemKind` of its messages and `SubscriptionMatched`
    /// events (a message opens `/policies/{id}`, `/interpretations/{id}` or `/redemption-items/{id}`).
    enum ItemKind: String, Sendable {
        case policy, interpretation, redemptionItem
    }

    /// What was published, as matching needs it: an interpretation matches on its policy's facts; a
    /// redemption item on its own region and policy types (any of them) and its policy's agency and tags.
    struct Publication: Sendable {
        var kind: ItemKind
        var id: UUID
        var title: String
        var policyTypes: [String]
        var agencyID: UUID
        var region: String
        var tags: [String]
    }

    func register(into handlers: inout EventHandlers) {
        handlers.on(PolicyPublished.self) { event, _, connection in
            let policy = event.policy
            _ = try await Self.match(
                Publication(
                    kind: .policy, id: policy.policyID, title: policy.title, policyTypes: [policy.policyType], agencyID: policy.agencyID,
                    region: policy.region, tags: policy.tags), at: Date(), on: connection)
        }
        handlers.on(InterpretationPublished.self) { event, _, connection in
            let policy = event.policy
            _ = try await Self.match(
                Publication(
                    kind: .interpretation, id: event.interpretation.id, title: event.interpretation.title, policyTypes: [policy.policyType],
                    agencyID: policy.agencyID, region: policy.region, tags: policy.tags), at: Date(), on: connection)
        }
        handlers.on(RedemptionItemPublished.self) { event, _, connection in
            // The policy's agency and tags as they stand (the event carries the item's own facts).
            guard let policy = try await PolicyStore.load(event.policyID, on: connection) else { return }
            let item = event.item
            _ = try await Self.match(
                Publication(
                    kind: .redemptionItem, id: item.id, title: item.title, policyTypes: item.policyTypes, agencyID: policy.agencyID,
                    region: item.region, tags: policy.content.tags), at: Date(), on: connection)
        }
    }

    /// A dimension a subscription leaves empty matches anything; within one, any value does. The
    /// 企业标签 dimension counts only tags the enterprise still has. Answers the messages written.
    static func match(_ item: Publication, at now: Date, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(
            """
            WITH matched AS (
                SELECT s.enterprise_id, bool_or(s.sms) AS sms
                FROM subscriptions s JOIN enterprises e ON e.enterprise_id = s.enterprise_id AND e.status = 'approved'
                WHERE (cardinality(s.policy_types) = 0 OR s.policy_types && \(item.policyTypes)::text[])
                  AND (cardinality(s.agency_ids) = 0 OR \(item.agencyID) = ANY(s.agency_ids))
                  AND (cardinality(s.regions) = 0 OR \(item.region) = ANY(s.regions))
                  AND (cardinality(s.enterprise_tags) = 0 OR EXISTS (
                        SELECT 1 FROM unnest(s.enterprise_tags) t WHERE t = ANY(\(item.tags)::text[]) AND t = ANY(e.tags)))
                GROUP BY s.enterprise_id
            ), inserted AS (
                INSERT INTO subscription_messages (message_id, enterprise_id, item_kind, item_id, title, sms, created_at)
                SELECT gen_random_uuid(), enterprise_id, \(item.kind.rawValue), \(item.id), \(item.title), sms, \(now) FROM matched
                ON CONFLICT (enterprise_id, item_kind, item_id) DO NOTHING
                RETURNING message_id, enterprise_id, sms
            ), evented AS (
                INSERT INTO outbox (event_id, topic, record_key, event_type, source, occurred_at, payload)
                SELECT gen_random_uuid(), \(SubscriptionMatched.topic.name), enterprise_id::text, \(SubscriptionMatched.eventType),
                       \(ProducingService.policy.eventSource), \(now),
                       convert_to(jsonb_build_object(
                           'messageID', upper(message_id::text), 'enterpriseID', upper(enterprise_id::text), 'itemKind', \(item.kind.rawValue)::text,
                           'itemID', \(item.id.uuidString)::text, 'title', \(item.title)::text, 'sms', sms,
                           'matchedAt', \(EventTime.format(now))::text)::text, 'UTF8')
                FROM inserted
                RETURNING 1
            )
            SELECT count(*)::bigint AS n FROM evented
            """)
        return Int(try rows.first?.decode("n", as: Int64.self) ?? 0)
    }
}
