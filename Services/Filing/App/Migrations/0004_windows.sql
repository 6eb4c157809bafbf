-- Filing periods are months ('yyyy-MM'); each month's window is data: the standing rule (day `opens_day`
-- to day `closes_day` of the month after the period, Beijing dates) unless admins set the month's own.
CREATE TABLE window_rule (
    id          boolean  PRIMARY KEY DEFAULT true CHECK (id),
    opens_day   integer  NOT NULL CHECK (opens_day BETWEEN 1 AND 28),
    closes_day  integer  NOT NULL CHECK (closes_day BETWEEN 1 AND 28),
    CHECK (closes_day >= opens_day)
);
INSERT INTO window_rule (opens_day, closes_day) VALUES (1, 10);

CREATE TABLE filing_windows (
    period     text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    opens_on   date NOT NULL,
    closes_on  date NOT NULL CHECK (closes_on >= opens_on),
    set_by     uuid,
    set_at     timestamptz NOT NULL
);

-- A bureau admin reopens one enterprise's month, with a reason, until a day (inclusive).
CREATE TABLE reopenings (
    id                       uuid        PRIMARY KEY,
    reporting_enterprise_id  uuid        NOT NULL REFERENCES reporting_enterprises (id),
    period                   text        NOT NULL,
    until_on                 date        NOT NULL,
    reason                   text        NOT NULL,
    by_official              uuid        NOT NULL,
    at                       timestamptz NOT NULL
);
CREATE INDEX reopenings_lookup ON reopenings (reporting_enterprise_id, period, until_on);
