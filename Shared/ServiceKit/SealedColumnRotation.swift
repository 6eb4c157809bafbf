import Foundation
import Logging
import Metrics
import PersonalData
import Postgres
import ServiceLifecycle

/// One column of sealed personal data: the table, the column naming the key that sealed each value,
/// and the ciphertext column. Lookup-hash columns are never part of it (the hash key does not rotate).
public struct SealedColumn: Sendable, Hashable {
    public var table: String
    public var keyIDColumn: String
    public var sealedColumn: String

    public init(table: String, keyIDColumn: String, sealedColumn: String) {
        self.table = table
        self.keyIDColumn = keyIDColumn
        self.sealedColumn = sealedColumn
    }

    /// The `<field>_key_id` / `<field>_sealed` pair most tables use.
    public static func field(_ field: String, of table: String) -> SealedColumn {
        SealedColumn(table: table, keyIDColumn: "\(field)_key_id", sealedColumn: "\(field)_sealed")
    }

    var name: String { "\(table).\(sealedColumn)" }
}

/// After the current personal-data key changes, re-seals the values still sealed under an older key,
/// a small batch per transaction. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several instances
/// share the work, and a value is only rewritten if its key id is still the old one. Logs counts, never
/// values; `qinqing_personal_data_stale_values{table,column}` is how many are left (0: the old key can go).
///
/// It knows nothing of the cipher: `reseal` opens a value under its key id and seals it under the
/// current key (`currentKeyID`).
public final class SealedColumnRotation: Service, Sendable {
    public typealias Reseal = @Sendable (_ keyID: String, _ ciphertext: Data) throws -> (keyID: String, ciphertext: Data)

    let pool: PostgresPool
    let columns: [SealedColumn]
    let currentKeyID: String
    let reseal: Reseal
    let batchSize: Int
    let interval: Duration
    let idleInterval: Duration
    let logger: Logger
    let stale: [SealedColumn: Gauge]
    let resealed: [SealedColumn: Counter]

    public init(
        pool: PostgresPool, columns: [SealedColumn], currentKeyID: String, batchSize: Int = 100,
        interval: Duration = .seconds(60), idleInterval: Duration = .seconds(900), logger: Logger, reseal: @escaping Reseal
    ) {
        self.pool = pool
        self.columns = columns
        self.currentKeyID = currentKeyID
        self.reseal = reseal
        self.batchSize = max(1, batchSize)
        self.interval = interval
        self.idleInterval = idleInterval
        self.logger = logger
        var stale: [SealedColumn: Gauge] = [:]
        var resealed: [SealedColumn: Counter] = [:]
        for column in columns {
            let dimensions = [("table", column.table), ("column", column.sealedColumn)]
            stale[column] = Gauge(label: "qinqing_personal_data_stale_values", dimensions: dimensions)
            resealed[column] = Counter(label: "qinqing_personal_data_resealed_total", dimensions: dimensions)
        }
        self.stale = stale
        self.resealed = resealed
    }

    /// Re-seals `columns` with `cipher`: values sealed under an older key move to its current key.
    public convenience init(
        pool: PostgresPool, columns: [SealedColumn], cipher: FieldCipher, batchSize: Int = 100,
        interval: Duration = .seconds(60), idleInterval: Duration = .seconds(900), logger: Logger
    ) {
        self.init(
            pool: pool, columns: columns, currentKeyID: cipher.currentKeyID, batchSize: batchSize, interval: interval,
            idleInterval: idleInterval, logger: logger
        ) { keyID, ciphertext in
            let fresh = try cipher.reseal(SealedField(keyID: keyID, ciphertext: ciphertext))
            return (fresh.keyID, fresh.ciphertext)
        }
    }

    /// A periodic job (ends quietly on graceful shutdown). Once nothing is stale it looks only every
    /// `idleInterval` (counting stale values scans the tables; values go stale only when the current
    /// key changes, which restarts the service).
    public func run() async throws {
        try await PeriodicJob.adaptive(name: "re-sealing personal data", interval: interval, logger: logger) {
            try await self.sweep().stale == 0 ? self.idleInterval : self.interval
        }.run()
    }

    /// Re-seals every stale value this instance can claim; returns how many it re-sealed. A column
    /// whose value cannot be re-sealed (say, its key is gone) does not hold up the others; the first
    /// such error is thrown at the end.
    @discardableResult
    public func pass() async throws -> Int {
        try await sweep().resealed
    }

    private func sweep() async throws -> (resealed: Int, stale: Int) {
        var total = 0
        var staleTotal = 0
        var failure: (any Error)?
        for column in columns {
            var count = 0
            do {
                while true {
                    let done = try await batch(column)
                    count += done
                    if done < batchSize { break }
                }
            } catch {
                logger.error("re-sealing a column failed", metadata: ["column": "\(column.name)", "error": "\(error)"])
                failure = failure ?? error
            }
            let left = try await staleCount(column)
            staleTotal += left
            stale[column]?.record(left)
            if count > 0 || left > 0 {
                logger.info(
                    "personal data re-sealed under the current key",
                    metadata: ["column": "\(column.name)", "resealed": "\(count)", "stale": "\(left)"])
            }
            total += count
        }
        if let failure { throw failure }
        return (total, staleTotal)
    }

    /// Values not yet under the current key, over all columns.
    public func staleCount() async throws -> Int {
        var total = 0
        for column in columns { total += try await staleCount(column) }
        return total
    }

    private func staleCount(_ column: SealedColumn) async throws -> Int {
        let rows = try await pool.query(
            """
            SELECT count(*)::bigint AS n FROM \(identifier: column.table)
            WHERE \(identifier: column.keyIDColumn) <> \(currentKeyID)
            """)
        return Int(try rows.first?.decode("n", as: Int64.self) ?? 0)
    }

    /// One transaction: claims up to `batchSize` stale rows (skipping those another instance holds)
    /// and rewrites them. The row's `ctid` is stable while this transaction holds its lock.
    private func batch(_ column: SealedColumn) async throws -> Int {
        let count = try await pool.withTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT ctid::text AS row_ref, \(identifier: column.keyIDColumn) AS key_id, \(identifier: column.sealedColumn) AS sealed
                FROM \(identifier: column.table)
                WHERE \(identifier: column.keyIDColumn) <> \(currentKeyID) AND \(identifier: column.sealedColumn) IS NOT NULL
                LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
                """)
            for row in rows {
                let keyID: String = try row.decode("key_id")
                let fresh = try reseal(keyID, try row.decode("sealed", as: Data.self))
                try await connection.execute(
                    """
                    UPDATE \(identifier: column.table)
                    SET \(identifier: column.keyIDColumn) = \(fresh.keyID), \(identifier: column.sealedColumn) = \(fresh.ciphertext)
                    WHERE ctid = \(try row.decode("row_ref", as: String.self))::tid AND \(identifier: column.keyIDColumn) = \(keyID)
                    """)
            }
            return rows.count
        }
        resealed[column]?.increment(by: count)
        return count
    }
}
