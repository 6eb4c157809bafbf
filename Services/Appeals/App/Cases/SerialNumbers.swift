import Foundation
import Postgres
import WorkCalendar

/// `SQ` + yyyyMM + a zero-padded monthly sequence. The counter row is locked by the upsert, so
/// concurrent submissions get distinct numbers; a number is only ever issued once (a rolled-back
/// submission never became visible with it).
enum SerialNumbers {
    static func next(_ kind: CaseKind, at time: Date, on connection: PostgresConnection) async throws -> String {
        let day = CalendarDay(containing: time, in: WorkCalendar.chinaTimeZone)
        let month = String(format: "%04d%02d", day.year, day.month)
        let sequence = try await CaseStore.nextSerial(prefix: kind.serialPrefix, month: month, on: connection)
        return kind.serialPrefix + month + String(format: "%04d", sequence)
    }
}
