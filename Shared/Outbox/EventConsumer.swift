import Contracts
import Foundation
import Logging
import Messaging
import Metrics
import Postgres
import ServiceLifecycle

/// Consumes topics and applies each event exactly once in effect.
///
/// Each record is checked (CloudEvents headers, known type, decodable body); a record that fails
/// the check goes to the dead-letter topic with the reason and the consumer moves on. A good one is
/// applied in one transaction with its inbox row (or its row in a keyed batch handler's table, see
/// `EventHandlers.onKeyedBatch`); a redelivered event finds the row and does nothing.
public final class EventConsumer: Service, Sendable {
    private let consumer: KafkaConsumer

    /// - Parameters:
    ///   - name: the inbox's consumer name; also the Kafka consumer group.
    ///   - lanes: how many transactions a fetched batch may be applied in at once (see `InboxApplier`).
    public init(
        name: String, topics: [Topic], pool: PostgresPool, handlers: EventHandlers,
        configuration: KafkaConsumerConfiguration, lanes: Int = 1, logger: Logger
    ) throws {
        var configuration = configuration
        configuration.groupID = name
        configuration.topics = topics.map(\.name)
        let applier = InboxApplier(consumer: name, pool: pool, handlers: handlers, lanes: lanes, logger: logger)
        self.consumer = try KafkaConsumer(
            configuration: configuration, logger: logger,
            batchHandler: { messages in try await applier.apply(messages) },
            handler: { message in try await applier.apply(message) })
    }

    public func run() async throws {
        try await consumer.run()
    }
}

/// Applies records through the inbox.
///
/// With `lanes` > 1, the batch-handled events of a fetched batch are split by subject (the record key,
/// so one aggregate's events stay in one lane and in order) into that many transactions applied
/// concurrently: one lane's statements run in PostgreSQL while another's events are decoded and
/// folded. Batch handlers only take types whose effects do not depend on other aggregates' events,
/// which is what makes the split safe; the batch's other events are applied first, in a transaction of
/// their own. If any transaction fails, the batch throws and the consumer applies it again record by
/// record, in order, where the inbox skips what was committed.
struct InboxApplier: Sendable {
    let consumer: String
    let pool: PostgresPool
    let handlers: EventHandlers
    let lanes: Int
    let logger: Logger
    private let applied: Counter
    private let duplicates: Counter

    init(consumer: String, pool: PostgresPool, handlers: EventHandlers, lanes: Int = 1, logger: Logger) {
        self.consumer = consumer
        self.pool = pool
        self.handlers = handlers
        self.lanes = max(1, lanes)
        self.logger = logger
        self.applied = Counter(label: "qinqing_events_applied_total", dimensions: [("consumer", consumer)])
        self.duplicates = Counter(label: "qinqing_events_duplicate_total", dimensions: [("consumer", consumer)])
    }

    func apply(_ message: KafkaIncomingMessage) async throws {
        let envelope = try Self.envelope(of: message)
        guard let work = handlers.work(for: envelope.type) else {
            guard handlers.isKnown(envelope.type) else {
                throw KafkaPoisonMessage(reason: "unknown event type \(envelope.type)")
            }
            return
        }
        let consumer = self.consumer
        let isNew = try await Self.databaseCall { try await pool.withTransaction { connection -> Bool in
            let inboxed = handlers.usesInbox(work)
            if inboxed {
                let inserted = try await connection.execute(
                    """
                    INSERT INTO inbox (consumer, event_id, event_type, source, topic)
                    VALUES (\(consumer), \(envelope.id), \(envelope.type), \(envelope.source), \(envelope.topic.name))
                    ON CONFLICT (consumer, event_id) DO NOTHING
                    """)
                guard inserted == 1 else { return false }
            }
            do {
                switch work {
                case .each(let handler):
                    try await handler(envelope, connection)
                    return true
                case .batch(let index):
                    // A keyed batch handler's own table says whether the event was new.
                    let applied = try await handlers.batches[index].apply([envelope], connection)
                    return inboxed || applied > 0
                }
            } catch let error as EnvelopeError {
                throw KafkaPoisonMessage(reason: error.description)
            } catch is DecodingError {
                throw KafkaPoisonMessage(reason: "malformed body for \(envelope.type)")
            }
        } }
        (isNew ? applied : duplicates).increment()
    }

    /// Applies fetched records in one transaction (or one per lane). Anything unusual (a malformed
    /// record, a failing handler) throws, and the consumer falls back to `apply(_:)` per record,
    /// which dead-letters precisely.
    func apply(_ messages: [KafkaIncomingMessage]) async throws {
        let envelopes = try await Self.envelopes(of: messages, parts: lanes)
        var work: [(EventEnvelope, EventHandlers.Work)] = []
        for envelope in envelopes {
            if let handler = handlers.work(for: envelope.type) {
                work.append((envelope, handler))
            } else if !handlers.isKnown(envelope.type) {
                throw KafkaPoisonMessage(reason: "unknown event type \(envelope.type)")
            }
        }
        guard !work.isEmpty else { return }
        let lanes = Self.lanes(of: work, count: self.lanes)
        guard lanes.count > 1 else {
            try await apply(work)
            return
        }
        // Within a batch, events with handlers of their own come before the batch handlers' (which may
        // read their effects): they commit first, in a transaction of their own.
        let each = work.filter { !$0.1.isBatch }
        if !each.isEmpty { try await apply(each) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in lanes {
                group.addTask { try await self.apply(lane) }
            }
            try await group.waitForAll()
        }
    }

    /// The batch-handled part of `work` split by subject into at most `count` lanes; `[work]` (whole,
    /// one transaction) when there is nothing to split.
    static func lanes(of work: [(EventEnvelope, EventHandlers.Work)], count: Int) -> [[(EventEnvelope, EventHandlers.Work)]] {
        guard count > 1 else { return [work] }
        var lanes = Array(repeating: [(EventEnvelope, EventHandlers.Work)](), count: count)
        for item in work where item.1.isBatch {
            lanes[Int(UInt(bitPattern: item.0.subject.hashValue) % UInt(count))].append(item)
        }
        lanes.removeAll { $0.isEmpty }
        return lanes.count > 1 ? lanes : [work]
    }

    /// Applies `work` in one transaction: one inbox insert for all that use it, then each new event's
    /// handler in order, then each batch handler once with its new events (a keyed batch handler with
    /// all of its events, each id once: its own table tells the new).
    private func apply(_ work: [(EventEnvelope, EventHandlers.Work)]) async throws {
        let consumer = self.consumer
        let inboxed = work.filter { handlers.usesInbox($0.1) }
        let (new, total) = try await Self.databaseCall { try await pool.withTransaction { connection -> (Int, Int) in
            var fresh = Set<UUID>()
            if !inboxed.isEmpty {
                let inserted = try await connection.query(
                    """
                    INSERT INTO inbox (consumer, event_id, event_type, source, topic)
                    SELECT \(consumer), * FROM unnest(\(inboxed.map(\.0.id)), \(inboxed.map(\.0.type)),
                                                     \(inboxed.map(\.0.source)), \(inboxed.map(\.0.topic.name)))
                    ON CONFLICT (consumer, event_id) DO NOTHING
                    RETURNING event_id
                    """)
                fresh = Set(try inserted.map { try $0.decode("event_id", as: UUID.self) })
            }
            var new = fresh.count
            var keyedSeen = Set<UUID>()
            var batched: [Int: [EventEnvelope]] = [:]
            for (envelope, handler) in work {
                if handlers.usesInbox(handler) {
                    guard fresh.remove(envelope.id) != nil else { continue }
                } else {
                    guard keyedSeen.insert(envelope.id).inserted else { continue }
                }
                switch handler {
                case .each(let handler): try await handler(envelope, connection)
                case .batch(let index): batched[index, default: []].append(envelope)
                }
            }
            for (index, envelopes) in batched.sorted(by: { $0.key < $1.key }) {
                let batch = handlers.batches[index]
                let applied = try await batch.apply(envelopes, connection)
                if batch.keepsEventIDs { new += applied }
            }
            return (new, work.count)
        } }
        applied.increment(by: new)
        duplicates.increment(by: total - new)
    }

    /// Reports a database outage as such, so the consumer waits for the database instead of
    /// spending the event's attempts and dead-lettering a good event.
    static func databaseCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError where error.isConnectionError {
            throw KafkaDependencyUnavailable(dependency: "PostgreSQL", underlying: error)
        }
    }

    /// The messages' envelopes in order, read in `parts` slices at once for a large batch (reading
    /// headers and times is per-record work the lanes' transactions would otherwise wait for).
    static func envelopes(of messages: [KafkaIncomingMessage], parts: Int) async throws -> [EventEnvelope] {
        let size = max(500, (messages.count + parts - 1) / max(1, parts))
        guard parts > 1, messages.count > size else { return try messages.map(envelope(of:)) }
        return try await withThrowingTaskGroup(of: (Int, [EventEnvelope]).self) { group in
            for start in stride(from: 0, to: messages.count, by: size) {
                let slice = messages[start..<min(start + size, messages.count)]
                group.addTask { (start, try slice.map(envelope(of:))) }
            }
            var slices: [(Int, [EventEnvelope])] = []
            for try await slice in group { slices.append(slice) }
            return slices.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    static func envelope(of message: KafkaIncomingMessage) throws -> EventEnvelope {
        var headers: [String: String] = [:]
        for header in message.headers {
            guard let value = header.stringValue else {
                throw KafkaPoisonMessage(reason: "header \(header.key) is not UTF-8")
            }
            headers[header.key] = value
        }
        do {
            return try EventEnvelope(topic: Topic(message.topic), headers: headers, body: Data(message.value))
        } catch let error as EnvelopeError {
            throw KafkaPoisonMessage(reason: error.description)
        }
    }
}
