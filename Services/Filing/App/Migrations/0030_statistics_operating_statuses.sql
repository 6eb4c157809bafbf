-- Operating-status records for the liaison figures (issue 15, "operating-status records kept"): the
-- monthly operating status a liaison official records for an enterprise, from identity's
-- `liaison.operating-status-recorded` events (never the note), kept by the statistics consumer. One row
-- per enterprise and month: the latest record (by `recorded_at`) with the official who made it, so a
-- repeated event or an older record arriving after a newer one changes nothing.
CREATE TABLE stat_operating_statuses (
    enterprise_id  uuid        NOT NULL,
    month          text        NOT NULL,   -- yyyy-MM, the month the status is of, as the event says
    status         text        NOT NULL,
    recorded_by    uuid        NOT NULL,   -- the official of the latest record
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, month)
);
CREATE INDEX stat_operating_statuses_month ON stat_operating_statuses (month, recorded_by);
