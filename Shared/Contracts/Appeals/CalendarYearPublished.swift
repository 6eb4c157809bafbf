import Foundation

/// A platform admin published (or corrected) a year of the official working-day calendar
/// (`PUT /calendar/years/{year}` in the appeals service, which owns the calendar). The year as a
/// whole: the services that count working days on their own copy replace that year with it, unless
/// they already hold a later publication of it (`publishedAt`).
public struct CalendarYearPublished: DomainEvent {
    public static let eventType = "qinqing.appeals.calendar.year-published.v1"
    public static let topic = Topic.appeals

    public var year: Int
    /// Where the year comes from, as the admin stated it (e.g. "国办发明电〔2025〕7号").
    public var source: String
    /// The days off that would otherwise be working days (法定节假日), `yyyy-MM-dd`, sorted.
    public var holidays: [String]
    /// The weekend days that are working days (调休), `yyyy-MM-dd`, sorted.
    public var makeupWorkdays: [String]
    /// The platform admin's account.
    public var publishedBy: UUID
    public var publishedAt: Date
    public var subject: String { "\(year)" }

    public init(year: Int, source: String, holidays: [String], makeupWorkdays: [String], publishedBy: UUID, publishedAt: Date) {
        self.year = year
        self.source = source
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
