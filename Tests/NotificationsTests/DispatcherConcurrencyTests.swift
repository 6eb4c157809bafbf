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

    @Test("dispatchers whose batches hold the same recipients in different orders never deadlock; each SMS is sent once")
    func sharedRecipients() async throws {
        let fixture = try await NotificationsFixture()
        defer { Task { await fixture.shutdown() } }
        try await fixture.setting("quiet_start", "00:00")
        try await fixture.setting("quiet_end", "00:00")
        try await fixture.setting("sms_per_hour", "100")
        let accounts = 30
        let eventsPerAccount = 4
        let keyID = try fixture.runtime.cipher.seal("13800000000").keyID
        for index in 0..<accounts {
            let sealed = try fixture.runtime.cipher.seal("1390000\(String(format: "%04d", index))")
            try await fixture.pool.execute(
                "INSERT INTO contacts (account_id, phone_key_id, phone_sealed, changed_at) VALUES (gen_random_uuid(), \(keyID), \(sealed.ciphertext), now())")
        }
        // Every account has one SMS per event; the rows are due in a random order, so each batch
        // meets its recipients in an order another batch does not share.
        try await fixture.pool.execute(
            """
            INSERT INTO sms_messages (event_id, event_type, rule_id, account_id, category, title, text, text_hash, parts, urgent, status,
                                      next_attempt_at)
            SELECT e.id, 't', 'r', c.account_id, 'c', 't', '【平顶山亲清平台】测试', 'h', 1, false, 'pending',
                   now() - random() * interval '1 hour'
            FROM contacts c CROSS JOIN (SELECT gen_random_uuid() AS id FROM generate_series(1, \(eventsPerAccount))) e
            """)
        let dispatchers = (0..<4).map { _ in
            SmsDispatcher(
                pool: fixture.pool, provider: LocalSmsProvider(cipher: fixture.runtime.cipher), contacts: fixture.runtime.contacts,
                logger: fixture.runtime.deps.logger, batchSize: 7)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for dispatcher in dispatchers {
                group.addTask {
                    while try await dispatcher.dispatchOnce() > 0 {}
                }
            }
            try await group.waitForAll()
        }
        let total = accounts * eventsPerAccount
        #expect(try await fixture.count("SELECT count(*) FROM sms_messages WHERE status = 'sent'") == total)
        #expect(try await fixture.count("SELECT count(DISTINCT sms_id) FROM local_sms") == total)
        #expect(try await fixture.count("SELECT count(*) FROM local_sms") == total)
    }
}
