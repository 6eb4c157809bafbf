-- The official working-day calendar, one row per published year and one per day that differs from
-- the plain weekend rule (a holiday on a weekday, or a makeup working day on a weekend).
CREATE TABLE calendar_years (
    year       integer     PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
    source     text        NOT NULL,
    loaded_by  uuid,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_days (
    day   date    PRIMARY KEY,
    year  integer NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
    kind  text    NOT NULL CHECK (kind IN ('holiday', 'makeup'))
);

INSERT INTO calendar_years (year, source) VALUES
    (2025, '国办发明电〔2024〕12号'),
    (2026, '国办发明电〔2025〕7号');

INSERT INTO calendar_days (day, year, kind)
SELECT d::date, extract(year FROM d)::integer, 'holiday'
FROM (VALUES
    ('2025-01-01', '2025-01-01'), ('2025-01-28', '2025-02-04'), ('2025-04-04', '2025-04-06'),
    ('2025-05-01', '2025-05-05'), ('2025-05-31', '2025-06-02'), ('2025-10-01', '2025-10-08'),
    ('2026-01-01', '2026-01-03'), ('2026-02-15', '2026-02-23'), ('2026-04-04', '2026-04-06'),
    ('2026-05-01', '2026-05-05'), ('2026-06-19', '2026-06-21'), ('2026-09-25', '2026-09-27'),
    ('2026-10-01', '2026-10-07')
) AS ranges (first_day, last_day),
LATERAL generate_series(first_day::date, last_day::date, interval '1 day') AS d;

INSERT INTO calendar_days (day, year, kind) VALUES
    ('2025-01-26', 2025, 'makeup'), ('2025-02-08', 2025, 'makeup'), ('2025-04-27', 2025, 'makeup'),
    ('2025-09-28', 2025, 'makeup'), ('2025-10-11', 2025, 'makeup'),
    ('2026-01-04', 2026, 'makeup'), ('2026-02-14', 2026, 'makeup'), ('2026-02-28', 2026, 'makeup'),
    ('2026-05-09', 2026, 'makeup'), ('2026-09-20', 2026, 'makeup'), ('2026-10-10', 2026, 'makeup');
