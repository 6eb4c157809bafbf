import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Enterprises' subscriptions and subscription messages (订阅中心).
enum SubscriptionStore {
    struct Subscription: ResponseCodable, Sendable {
        var id: UUID
        var enterpriseTags: [String]
        var policyTypes: [String]
        var agencyIDs: [UUID]
        var regions: [String]
        var sms: Bool
        var createdAt: Date
    }

    struct Message: ResponseCodable, Sendable {
        var id: UUID
        var itemKind: String
        var itemID: UUID
        var title: String
        var read: Bool
        var readAt: Date?
        var createdAt: Date
    }

    static func insert(_ subscription: Subscription, enterpriseID: UUID, by accountID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO subscriptions (subscription_id, enterprise_id, enterprise_tags, policy_types, agency_ids, regions, sms, created_by, created_at)
            VALUES (\(subscription.id), \(enterpriseID), \(subscription.enterpriseTags), \(subscription.policyTypes), \(subscription.agencyIDs),
                    \(subscription.regions), \(subscription.sms), \(accountID), \(subscription.createdAt))
            """)
    }

    static func all(of enterpriseID: UUID, on connection: PostgresConnection) async throws -> [Subscription] {
        try await connection.query(
            """
            SELECT subscription_id, enterprise_tags, policy_types, agency_ids, regions, sms, created_at FROM subscriptions
            WHERE enterprise_id = \(enterpriseID) ORDER BY created_at, subscription_id LIMIT 100
            """
        ).map { row in
            Subscription(
                id: try row.decode("subscription_id"), enterpriseTags: try row.decode("enterprise_tags"), policyTypes: try row.decode("policy_types"),
                agencyIDs: try row.decode("agency_ids"), regions: try row.decode("regions"), sms: try row.decode("sms"),
                createdAt: try row.decode("created_at"))
        }
    }

    static func count(of enterpriseID: UUID, on connection: PostgresConnection) async throws -> Int {
        Int(try await connection.query("SELECT count(*)::bigint AS n FROM subscriptions WHERE enterprise_id = \(enterpriseID)")
            .first?.decode("n", as: Int64.self) ?? 0)
    }

    static func delete(_ id: UUID, of enterpriseID: UUID, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query(
            "DELETE FROM subscriptions WHERE subscription_id = \(id) AND enterprise_id = \(enterpriseID) RETURNING 1")).isEmpty
    }

    /// The enterprise's projected tags (what its 企业标签 subscriptions may name).
    static func enterpriseTags(_ enterpriseID: UUID, on connection: PostgresConnection) async throws -> [String] {
        try await connection.query("SELECT tags FROM enterprises WHERE enterprise_id = \(enterpriseID)").first?.decode("tags") ?? []
    }

    static func messages(of enterpriseID: UUID, paging: Paging, on connection: PostgresConnection) async throws -> Page<Message> {
        try await connection.page(
            "SELECT message_id, item_kind, item_id, title, read_at, created_at FROM subscription_messages WHERE enterprise_id = \(enterpriseID)",
            orderBy: "created_at DESC, message_id", paging: paging, message)
    }

    static func markRead(_ id: UUID, of enterpriseID: UUID, at now: Date, on connection: PostgresConnection) async throws -> Message? {
        try await connection.query(
            """
            UPDATE subscription_messages SET read_at = COALESCE(read_at, \(now))
            WHERE message_id = \(id) AND enterprise_id = \(enterpriseID)
            RETURNING message_id, item_kind, item_id, title, read_at, created_at
            """
        ).first.map(message)
    }

    private static func message(_ row: PostgresRow) throws -> Message {
        let readAt: Date? = try row.decode("read_at")
        return Message(
            id: try row.decode("message_id"), itemKind: try row.decode("item_kind"), itemID: try row.decode("item_id"),
            title: try row.decode("title"), read: readAt != nil, readAt: readAt, createdAt: try row.decode("created_at"))
    }
}
