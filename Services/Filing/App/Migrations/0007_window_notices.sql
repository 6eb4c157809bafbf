-- What the window job has told, so each notice goes out once: a month's window opened, closing soon
-- (the day before it closes), closed; and the enterprises recorded missing when it closed.
CREATE TABLE window_notices (
    period  text        NOT NULL,
    kind    text        NOT NULL CHECK (kind IN ('opened', 'closingSoon', 'closed')),
    at      timestamptz NOT NULL,
    PRIMARY KEY (period, kind)
);

CREATE TABLE missing_filings (
    reporting_enterprise_id  uuid        NOT NULL REFERENCES reporting_enterprises (id),
    period                   text        NOT NULL,
    recorded_at              timestamptz NOT NULL,
    PRIMARY KEY (reporting_enterprise_id, period)
);
CREATE INDEX missing_filings_period ON missing_filings (period);
