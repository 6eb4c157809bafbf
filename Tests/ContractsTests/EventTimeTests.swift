import Foundation
import Testing

@testable import Contracts

@Suite("Event time parsing")
struct EventTimeTests {
    static let from1970 = Date(timeIntervalSince1970: 0).timeIntervalSinceReferenceDate
    static let to2100 = Date(timeIntervalSince1970: 4_102_444_800).timeIntervalSinceReferenceDate

    /// The texts whose fast parse is nil or differs in any bit from Foundation's date.
    static func mismatches(_ texts: some Sequence<String>) -> [String] {
        texts.filter { text in
            let fast = EventTime.parseRFC3339(text)?.timeIntervalSinceReferenceDate.bitPattern
            return fast == nil || fast != EventTime.parseWithFoundation(text)?.timeIntervalSinceReferenceDate.bitPattern
        }
    }

    @Test("formatted dates from 1970 to 2100 take the fast path to Foundation's exact date")
    func formattedDates() {
        let texts = (0..<20_000).map { _ in
            EventTime.format(Date(timeIntervalSinceReferenceDate: .random(in: Self.from1970..<Self.to2100)))
        }
        let mismatches = Self.mismatches(texts)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    @Test("0 to 9 fraction digits and offsets up to 18 hours take the fast path to Foundation's exact date")
    func fractionsAndOffsets() {
        let texts = (0..<20_000).map { index in
            let date = Date(timeIntervalSinceReferenceDate: .random(in: Self.from1970..<Self.to2100))
            let whole = String(EventTime.format(date).prefix(19))
            let digits = index % 10
            let fraction = digits == 0 ? "" : "." + String((0..<digits).map { _ in "0123456789".randomElement()! })
            let minutes = Int.random(in: -18 * 60...18 * 60)
            let offset = switch index % 4 {
            case 0: "Z"
            case 1: "z"
            default: (minutes < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(minutes) / 60, abs(minutes) % 60)
            }
            return whole + fraction + offset
        }
        let mismatches = Self.mismatches(texts)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    @Test("calendar edges take the fast path to Foundation's exact date")
    func calendarEdges() {
        let texts = [
            "1583-01-01T00:00:00Z", "1600-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999999999Z",
            "2001-01-01T00:00:00Z", "2001-01-01T01:00:00+01:00", "2000-12-31T23:00:00-01:00", "2024-02-29T00:00:00-00:00",
            "2100-02-28T23:59:59.5+18:00", "2026-12-31T23:59:59.000000001-18:00", "9999-12-31T23:59:59.999Z",
            "2026-07-01T08:30:00.120+08:00", "2026-03-29T02:30:00.1z",
        ]
        let mismatches = Self.mismatches(texts)
        #expect(mismatches.isEmpty, "mismatches: \(mismatches)")
    }

    @Test("the fast path declines everything else and Foundation decides, as before", arguments: [
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-00-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00", "2026-1-01T00:00:00Z",
        "2026-01-01T00:00:00Zjunk", "2026-01-01T00:00:00Z ", " 2026-01-01T00:00:00Z", "", "yesterday",
        "2026-01-01t00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
        "2026-01-01T00:00:00,5Z", "2026-01-01T00:00:00.5", "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00+01",
        "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00-19:00", "2026-01-01T00:00:00+01:60",
        "2026-01-01T00:00:00+01:00:30", "2026-01-01T00:00:00+aa:00", "2026-01-01T00:00:00-", "+2026-01-01T00:00:00Z",
        "1582-10-10T00:00:00Z", "0000-01-01T00:00:00Z", "20260101T000000Z", "２０２６-01-01T00:00:00Z",
    ])
    func declined(text: String) {
        #expect(EventTime.parseRFC3339(text) == nil)
        #expect(
            EventTime.parse(text)?.timeIntervalSinceReferenceDate.bitPattern
                == EventTime.parseWithFoundation(text)?.timeIntervalSinceReferenceDate.bitPattern)
    }
}
