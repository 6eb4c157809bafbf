import Contracts
import Foundation
@testable import NotificationsApp
import Postgres
import Testing

@Suite("Several dispatchers")
struct DispatcherConcurrencyTests {
    @Test("three dispatcher instances working the same queue send each SMS exactly once")
    func threeInstances() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        let accounts = 150
        try await fixture.pool.execute(
            """
            INSERT INTO contacts (account_id, phone_key_id, phone_sealed, changed_at)
            SELECT gen_random_uuid(), \(try fixture.runtime.cipher.seal("13800000000").keyID),
                   \(try fixture.runtime.cipher.seal("13800000000").ciphertext), now()
            FROM generate_series(1, \(accounts))
            """)
        try await fixture.pool.execute(
            """
            INSERT INTO sms_messages (event_id, event_type, rule_id, account_id, category, title, text, text_hash, parts, urgent, status)
            SELECT gen_random_uuid(), 't', 'r', account_id, 'c', 't', '【平顶山亲清平台】测试', 'h', 1, false, 'pending'
            FROM contacts
            """)
        let dispatchers = (0..<3).map { _ in fixture.dispatcher() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for dispatcher in dispatchers {
                group.addTask {
                    while try await dispatcher.dispatchOnce() > 0 {}
                }
            }
            try await group.waitForAll()
        }
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'sent'") == accounts)
        #expect(try await fixture.count("SELECT count(*) FROM local_sms") == accounts)
        #expect(try await fixture.count("SELECT count(DISTINCT sms_id) FROM local_sms") == accounts)
        #expect(try await fixture.count("SELECT count(*) FROM sms_attempts WHERE outcome = 'sent'") == accounts)
    }
}
