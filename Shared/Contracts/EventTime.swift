import Foundation

/// RFC 3339 timestamps as CloudEvents' `time` and every date in an event body carry them.
public enum EventTime {
    public static func format(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// Reads the strict form byte by byte (event consumers parse many of these); anything else, even
    /// what Foundation leniently accepts, goes to Foundation.
    public static func parse(_ text: String) -> Date? {
        parseRFC3339(text) ?? parseWithFoundation(text)
    }

    static func parseWithFoundation(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.1-9 digits](Z|z|±HH:MM)` with every field in range, or nil. The date is the
    /// one Foundation returns, bit for bit: its Gregorian calendar adds the seconds of the day, then the
    /// fraction, to midnight and subtracts the offset, each step in Double, and so does this.
    static func parseRFC3339(_ text: String) -> Date? {
        text.utf8.withContiguousStorageIfAvailable { parseRFC3339(bytes: $0) } ?? nil
    }

    private static func parseRFC3339(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(at start: Int, digits: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<start + digits {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        func byte(_ index: Int, is character: Unicode.Scalar) -> Bool { bytes[index] == UInt8(ascii: character) }

        // Years before 1583 are left to Foundation, which counts dates before 1582-10-15 as Julian.
        guard bytes.count >= 20, let year = number(at: 0, digits: 4), byte(4, is: "-"),
            let month = number(at: 5, digits: 2), byte(7, is: "-"), let day = number(at: 8, digits: 2),
            byte(10, is: "T"), let hour = number(at: 11, digits: 2), byte(13, is: ":"),
            let minute = number(at: 14, digits: 2), byte(16, is: ":"), let second = number(at: 17, digits: 2),
            year >= 1583, (1...12).contains(month), (1...daysIn(month, of: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var index = 19
        var nanoseconds: Int64 = 0
        if byte(index, is: ".") {
            index += 1
            let start = index
            while index < bytes.count, index - start < 10, bytes[index] &- UInt8(ascii: "0") < 10 {
                nanoseconds = nanoseconds * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            let digits = index - start
            guard (1...9).contains(digits) else { return nil }
            for _ in digits..<9 { nanoseconds *= 10 }
        }

        var offset: Int64 = 0
        switch bytes.count - index {
        case 1 where byte(index, is: "Z") || byte(index, is: "z"):
            break
        case 6 where byte(index, is: "+") || byte(index, is: "-"):
            // Foundation refuses offsets beyond 18 hours.
            guard let hours = number(at: index + 1, digits: 2), byte(index + 3, is: ":"),
                let minutes = number(at: index + 4, digits: 2), minutes < 60, hours * 60 + minutes <= 18 * 60
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (byte(index, is: "-") ? -1 : 1)
        default:
            return nil
        }

        let midnight = Double((daysSince1970(year, month, day) - 11_323) * 86_400)  // since 2001-01-01
        let secondsInDay = Double(hour * 3600 + minute * 60 + second) + Double(nanoseconds) / 1_000_000_000
        return Date(timeIntervalSinceReferenceDate: (midnight + secondsInDay) - Double(offset))
    }

    private static func daysIn(_ month: Int64, of year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm, for years >= 0).
    private static func daysSince1970(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
