import WorkCalendar

/// The calendar as last read, per schema, with the row versions of its years: a submission reads one
/// small fingerprint row instead of every holiday and rebuilds nothing while the years are unchanged.
/// An admin's change replaces a year's row (a new row version), so the next load reads it anew, in
/// every instance. Keyed by schema because one process may serve several (the tests).
actor CalendarCache {
    static let shared = CalendarCache()

    private var entries: [String: (fingerprint: String, calendar: WorkCalendar)] = [:]

    func calendar(schema: String, fingerprint: String) -> WorkCalendar? {
        guard let entry = entries[schema], entry.fingerprint == fingerprint else { return nil }
        return entry.calendar
    }

    func keep(_ calendar: WorkCalendar, schema: String, fingerprint: String) {
        entries[schema] = (fingerprint, calendar)
    }
}
