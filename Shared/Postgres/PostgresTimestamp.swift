import Foundation

/// timestamptz text in ISO style with microsecond precision, computed with integer calendar
/// arithmetic (proleptic Gregorian, as PostgreSQL uses) so no formatter state is shared.
enum PostgresTimestamp {
    /// Formats as `YYYY-MM-DD HH:MM:SS.ffffff+00` in UTC, rounded to the microsecond.
    static func format(_ date: Date) -> String {
        let scaled = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9.0e18 else { return scaled < 0 ? "-infinity" : "infinity" }
        let micros = Int64(scaled)
        var days = micros / 86_400_000_000
        var dayMicros = micros % 86_400_000_000
        if dayMicros < 0 {
            dayMicros += 86_400_000_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let seconds = dayMicros / 1_000_000
        let fraction = dayMicros % 1_000_000
        let bc = year <= 0
        // Digits written into bytes (batch statements bind thousands of timestamps).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        func digits(_ value: Int64, _ width: Int) {
            let text = String(value).utf8
            if text.count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - text.count)) }
            bytes.append(contentsOf: text)
        }
        digits(bc ? 1 - year : year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: " "))
        digits(seconds / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(seconds % 60, 2)
        bytes.append(UInt8(ascii: "."))
        digits(fraction, 6)
        bytes.append(contentsOf: "+00".utf8)
        if bc { bytes.append(contentsOf: " BC".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses ISO-style date, timestamp and timestamptz output (`infinity` maps to the distant
    /// future/past). A value without an offset is taken as UTC.
    static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var reader = Reader(Array(text.utf8))
        var bc = false
        if reader.bytes.count > 3, reader.bytes.suffix(3).elementsEqual(" BC".utf8) {
            bc = true
            reader.bytes.removeLast(3)
        }
        guard var year = reader.number(), reader.skip("-"), let month = reader.number(), reader.skip("-"),
            let day = reader.number(), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        if bc { year = 1 - year }
        var micros = days(fromCivil: year, month, day) * 86_400_000_000
        if reader.skip(" ") || reader.skip("T") {
            guard let hour = reader.number(), reader.skip(":"), let minute = reader.number(), reader.skip(":"),
                let second = reader.number()
            else { return nil }
            micros += ((hour * 60 + minute) * 60 + second) * 1_000_000
            if reader.skip(".") {
                let start = reader.position
                guard let fraction = reader.number() else { return nil }
                let digits = reader.position - start
                guard digits <= 6 else { return nil }
                var scale: Int64 = 1
                for _ in digits..<6 { scale *= 10 }
                micros += fraction * scale
            }
            if let sign = reader.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                reader.position += 1
                guard let hours = reader.number() else { return nil }
                var offset = hours * 3600
                if reader.skip(":") {
                    guard let minutes = reader.number() else { return nil }
                    offset += minutes * 60
                    if reader.skip(":") {
                        guard let seconds = reader.number() else { return nil }
                        offset += seconds
                    }
                }
                micros -= (sign == UInt8(ascii: "+") ? offset : -offset) * 1_000_000
            }
        }
        guard reader.atEnd else { return nil }
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private struct Reader {
        var bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard peek() == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        mutating func number() -> Int64? {
            var value: Int64 = 0
            let start = position
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), position - start < 12 {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                position += 1
            }
            return position > start ? value : nil
        }
    }
}

extension Date: PostgresEncodable, PostgresDecodable {
    /// Dates bind as timestamptz in UTC with microsecond precision.
    public static var postgresDataType: PostgresDataType { .timestamptz }

    public func postgresText() -> String? { PostgresTimestamp.format(self) }

    /// Decodes timestamptz, timestamp (taken as UTC) and date (midnight UTC).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresError) {
        guard type == .timestamptz || type == .timestamp || type == .date || type == .unknown,
            let date = PostgresTimestamp.parse(text)
        else { throw Self.mismatch(type) }
        self = date
    }
}
