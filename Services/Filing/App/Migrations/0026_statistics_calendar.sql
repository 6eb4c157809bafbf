-- Working days to reply (issue 15): the statistics' own copy of the official working-day calendar,
-- one row per year as the appeals service (which owns the calendar) last published it
-- (`qinqing.appeals.calendar.year-published.v1`, on every `PUT /calendar/years/{year}`): the year's
-- holidays (法定节假日 on days that would otherwise be working days) and makeup working days (调休 on
-- weekends). A year is replaced only by a later publication (`published_at`), so a late or repeated event
-- never undoes a newer one.
CREATE TABLE stat_calendar_years (
    year            integer     PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
    source          text        NOT NULL,
    holidays        date[]      NOT NULL,
    makeup_workdays date[]      NOT NULL,
    published_at    timestamptz NOT NULL
);

-- The years the appeals service ships, copied day for day from its migration 0001_calendar.sql
-- (Services/Appeals/App/Migrations/0001_calendar.sql; policy's 0017 holds the same copy). Dated at the
-- epoch: older than any publication, so the appeals service's first PUT of a year replaces it.
INSERT INTO stat_calendar_years (year, source, holidays, makeup_workdays, published_at)
SELECT years.year, years.source,
    (SELECT array_agg(d::date ORDER BY d)
     FROM (VALUES
         ('2025-01-01', '2025-01-01'), ('2025-01-28', '2025-02-04'), ('2025-04-04', '2025-04-06'),
         ('2025-05-01', '2025-05-05'), ('2025-05-31', '2025-06-02'), ('2025-10-01', '2025-10-08'),
         ('2026-01-01', '2026-01-03'), ('2026-02-15', '2026-02-23'), ('2026-04-04', '2026-04-06'),
         ('2026-05-01', '2026-05-05'), ('2026-06-19', '2026-06-21'), ('2026-09-25', '2026-09-27'),
         ('2026-10-01', '2026-10-07')
     ) AS ranges (first_day, last_day),
     LATERAL generate_series(first_day::date, last_day::date, interval '1 day') AS d
     WHERE extract(year FROM d) = years.year),
    (SELECT array_agg(m::date ORDER BY m)
     FROM (VALUES
         ('2025-01-26'), ('2025-02-08'), ('2025-04-27'), ('2025-09-28'), ('2025-10-11'),
         ('2026-01-04'), ('2026-02-14'), ('2026-02-28'), ('2026-05-09'), ('2026-09-20'), ('2026-10-10')
     ) AS makeups (m)
     WHERE extract(year FROM m::date) = years.year),
    timestamptz '1970-01-01 00:00:00+00'
FROM (VALUES (2025, '国办发明电〔2024〕12号'), (2026, '国办发明电〔2025〕7号')) AS years (year, source);

-- Working days from submission to the first reply: the working days strictly after the submission's
-- Beijing day up to and including the reply's (WorkCalendar.workingDays, as the appeals service counts a
-- step's working-day limit: a reply within N working days of its submission has N or fewer). Whole days;
-- NULL without a reply, or when a year the count needs has no calendar here.
--
-- Rows folded before this migration get NULL; their next fold (their next event, a calendar year published
-- for their dates, or `POST /statistics/rebuild`) fills it.
ALTER TABLE stat_cases ADD COLUMN working_days_to_reply integer;
