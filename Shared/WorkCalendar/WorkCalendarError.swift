/// Why a calendar could not be built or a deadline could not be computed.
public enum WorkCalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A deadline (or a day asked about) lies in a year whose official calendar is not loaded:
    /// computing it from weekends alone would silently give wrong deadlines around holidays.
    case yearNotLoaded(Int)
    case invalidYear(Int)
    case dayOutsideYear(CalendarDay, year: Int)
    case dayBothOffAndWorking(CalendarDay)
    case makeupDayNotOnWeekend(CalendarDay)
    case negativeLimit(Int)

    public var description: String {
        switch self {
        case .yearNotLoaded(let year): "the official calendar for \(year) is not loaded; an admin must add it"
        case .invalidYear(let year): "\(year) is not a valid calendar year"
        case .dayOutsideYear(let day, let year): "\(day) is not in \(year)"
        case .dayBothOffAndWorking(let day): "\(day) is listed both as a holiday and as a makeup working day"
        case .makeupDayNotOnWeekend(let day): "\(day) is a weekday and cannot be a makeup working day"
        case .negativeLimit(let count): "a limit of \(count) days is negative"
        }
    }
}
