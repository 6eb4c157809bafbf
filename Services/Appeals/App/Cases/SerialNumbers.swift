import Foundation
import Postgres
import WorkCalendar

/// `SQ` + yyyyMM + a zero-padded monthly sequence. The counter row is locked by the upsert, so
/// concurrent submissions get distinct numbers; a number is only ever issued once (a rolled-back
/// submission never became visible with it). A submission inserts its item under a provisional
/// number and takes its serial number last, just before its history and event: the counter row of
/// the month is then locked for those few statements and the commit, not for the whole submission
/// (every submission of the month waits for that lock; issue 17).
enum SerialNumbers {
    /// A unique stand-in until `assign` (never committed: the same transaction replaces it).
    static func provisional(_ id: UUID) -> String { "pending-" + id.uuidString }

    static func assign(to id: UUID, kind: CaseKind, at time: Date, on connection: PostgresConnection) async throws -> String {
        let day = CalendarDay(containing: time, in: WorkCalendar.chinaTimeZone)
        let month = String(format: "%04d%02d", day.year, day.month)
        return try await CaseStore.assignSerial(to: id, prefix: kind.serialPrefix, month: month, on: connection)
    }
}
