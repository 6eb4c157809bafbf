import Foundation
import Logging
import Postgres
import ServiceKit
import ServiceLifecycle

/// Sends due SMS through the provider. Several instances may run: each takes its batch with
/// `FOR UPDATE SKIP LOCKED`, then the advisory locks of its recipients and numbers (`SmsLock`).
/// A number addressed twice for one event and text (a member's phone that is also the enterprise's
/// contact phone) gets the SMS once; the other is `merged`.
final class SmsDispatcher: Service, Sendable {
    let pool: PostgresPool
    let provider: any SmsProvider
    let contacts: ContactProjection
    let logger: Logger
    let idleInterval: Duration
    let batchSize: Int

    init(
        pool: PostgresPool, provider: any SmsProvider, contacts: ContactProjection, logger: Logger,
        idleInterval: Duration = .seconds(1), batchSize: Int = 50
    ) {
        self.pool = pool
        self.provider = provider
        self.contacts = contacts
        self.logger = logger
        self.idleInterval = idleInterval
        self.batchSize = batchSize
    }

    /// A pass as soon as the last one took a full batch, else after `idleInterval`.
    func run() async throws {
        try await PeriodicJob.adaptive(name: "sms dispatch", interval: idleInterval, logger: logger) {
            try await self.dispatchOnce() < self.batchSize ? nil : .zero
        }.run()
    }

    /// Handles the SMS due now; returns how many it took.
    @discardableResult
    func dispatchOnce(now: Date = Date()) async throws -> Int {
        try await pool.withTransaction { connection in
            let settings = try await SettingsStore.settings(on: connection)
            let due = try await SmsStore.claimDue(now: now, limit: self.batchSize, on: connection)
            var phones: [Int: String] = [:]
            var locks: Set<SmsLock> = []
            for sms in due {
                locks.insert(.recipient(sms.recipient))
                if let phone = try await self.contacts.phone(of: sms.recipient, on: connection) {
                    phones[sms.id] = phone
                    locks.insert(.number(eventID: sms.eventID, phoneHash: self.contacts.cipher.lookupHash(phone)))
                }
            }
            try await SmsLock.acquire(locks, on: connection)
            for sms in due {
                try await self.handle(sms, phone: phones[sms.id], settings: settings, now: now, on: connection)
            }
            return due.count
        }
    }

    private func handle(
        _ sms: DueSms, phone: String?, settings: NotificationSettings, now: Date, on connection: PostgresConnection
    ) async throws {
        let log = SmsLog(smsID: sms.id, connection: connection)
        if !sms.urgent, let until = settings.quietHours?.deferral(for: now) {
            try await log.postpone(until: until, reason: "quiet hours")
            return
        }
        if let until = try await hourlyLimitReached(sms.recipient, settings: settings, now: now, on: connection) {
            try await log.postpone(until: until, reason: "hourly limit of \(settings.smsPerHour) SMS reached")
            return
        }
        let attempt = sms.attempts + 1
        guard let phone else {
            let whose = sms.recipient.accountID == nil ? "the enterprise (contact phone)" : "the account"
            try await log.attempted(attempt, outcome: "no_phone", detail: "no phone on record for \(whose)")
            try await fail(sms, reason: "no phone on record", on: connection)
            return
        }
        if let other = try await SmsStore.claimNumber(for: sms, phoneHash: contacts.cipher.lookupHash(phone), on: connection) {
            try await SmsStore.markMerged(sms.id, into: other, on: connection)
            try await log.attempted(sms.attempts, outcome: "merged", detail: "the same number gets this text for this event (SMS \(other))")
            return
        }
        do {
            let providerID = try await provider.send(
                OutgoingSms(smsID: sms.id, recipient: sms.recipient, phone: phone, text: sms.text, parts: sms.parts),
                on: connection)
            let sealed = try contacts.cipher.seal(phone)
            try await SmsStore.markSent(
                sms.id, attempt: attempt, providerID: providerID, phone: sealed, at: now, on: connection)
            try await log.attempted(attempt, outcome: "sent", detail: "\(provider.name), \(sms.parts) part(s)")
        } catch let error as SmsProviderError {
            try await log.attempted(attempt, outcome: "provider_error", detail: "\(provider.name): \(error.reason)")
            if error.retriable, attempt < settings.retryMaxAttempts {
                let delay = Backoff.delay(attempt: attempt, baseSeconds: settings.retryBaseSeconds)
                try await SmsStore.scheduleRetry(
                    sms.id, attempt: attempt, reason: error.reason, at: now.addingTimeInterval(delay), on: connection)
            } else {
                try await SmsStore.setAttempts(sms.id, attempt, on: connection)
                try await fail(sms, reason: error.retriable ? "gave up after \(attempt) attempts" : error.reason, on: connection)
            }
        }
    }

    /// When the recipient may get its next SMS, if it has had its hourly share.
    private func hourlyLimitReached(
        _ recipient: SmsRecipient, settings: NotificationSettings, now: Date, on connection: PostgresConnection
    ) async throws -> Date? {
        let usage = try await SmsStore.lastHour(of: recipient, now: now, on: connection)
        guard usage.sent >= settings.smsPerHour, let oldest = usage.oldest else { return nil }
        return oldest.addingTimeInterval(3600)
    }

    /// Marks the SMS failed and puts its text in the recipient's in-site inbox instead (the
    /// enterprise's box for its contact phone).
    func fail(_ sms: DueSms, reason: String, on connection: PostgresConnection) async throws {
        try await SmsFallback.fail(smsID: sms.id, reason: reason, on: connection)
    }
}

/// Exponential backoff with jitter: base·2^(attempt−1), capped at an hour, times a random 0.5…1.
enum Backoff {
    static func delay(attempt: Int, baseSeconds: Int) -> TimeInterval {
        let exponential = Double(baseSeconds) * pow(2, Double(max(0, attempt - 1)))
        return min(exponential, 3600) * Double.random(in: 0.5...1.0)
    }
}
