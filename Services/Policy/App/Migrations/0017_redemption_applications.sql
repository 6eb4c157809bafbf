-- 政策兑现 applications (申报, issue 13; operating rules art. 6): an enterprise member (or a person,
-- for an individual item) applies inside the item's window with its materials; the implementing
-- unit accepts (受理) or returns them for correction, processes within the item's limit in working
-- days from acceptance, and concludes: approved with the amount granted, or rejected with a reason.

-- The official working-day calendar (the State Council's notices), the policy service's own copy:
-- processing limits count working days on it. Same shape and source as the appeals service's.
CREATE TABLE calendar_years (
    year       integer     PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
    source     text        NOT NULL,
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

-- Files an applicant uploads as materials; they belong to the account that uploaded them until an
-- application names them, and are then readable by the application's readers.
CREATE TABLE application_files (
    id            uuid        PRIMARY KEY,
    uploaded_by   uuid        NOT NULL,
    enterprise_id uuid,
    file_name     text        NOT NULL,
    content_type  text        NOT NULL,
    size          integer     NOT NULL,
    sha256        text        NOT NULL,
    data          bytea       NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE redemption_applications (
    application_id   uuid        PRIMARY KEY,
    item_id          uuid        NOT NULL REFERENCES redemption_items (item_id),
    unit_id          uuid        NOT NULL,
    applicant_kind   text        NOT NULL CHECK (applicant_kind IN ('enterprise', 'individual')),
    enterprise_id    uuid,
    applicant_id     uuid        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('received', 'returned', 'processing', 'approved', 'rejected')),
    round            integer     NOT NULL DEFAULT 1,
    -- [{name, fileID, fileName, contentType}] of the current round.
    materials        jsonb       NOT NULL,
    -- The files the materials name (their readers are the application's).
    file_ids         uuid[]      NOT NULL,
    return_reason    text,
    submitted_at     timestamptz NOT NULL,
    accepted_at      timestamptz,
    due_at           timestamptz,
    -- The start of the limit's last working day: from then on the application is due soon.
    due_soon_at      timestamptz,
    -- Why `due_at` is unknown (the calendar lacks a year the limit reaches); the scheduler retries.
    deadline_problem text,
    concluded_at     timestamptz,
    granted_amount   numeric(15, 2),
    conclusion_note  text,
    updated_at       timestamptz NOT NULL,
    CHECK ((applicant_kind = 'enterprise') = (enterprise_id IS NOT NULL)),
    CHECK ((status = 'approved') = (granted_amount IS NOT NULL)),
    CHECK ((status IN ('approved', 'rejected')) = (concluded_at IS NOT NULL))
);
-- One open application per applicant and item: an enterprise (or a person) applies again only
-- after the earlier one is concluded.
CREATE UNIQUE INDEX redemption_applications_open
    ON redemption_applications (item_id, coalesce(enterprise_id, applicant_id)) WHERE status NOT IN ('approved', 'rejected');
CREATE INDEX redemption_applications_unit ON redemption_applications (unit_id, status, submitted_at DESC);
CREATE INDEX redemption_applications_enterprise ON redemption_applications (enterprise_id, submitted_at DESC) WHERE enterprise_id IS NOT NULL;
CREATE INDEX redemption_applications_applicant ON redemption_applications (applicant_id, submitted_at DESC);
CREATE INDEX redemption_applications_files ON redemption_applications USING gin (file_ids);
CREATE INDEX redemption_applications_due ON redemption_applications (due_at) WHERE status = 'processing';

-- Every stage: who, when, from, to, the note (a return's reason, a conclusion's note), and the round.
CREATE TABLE application_history (
    application_id uuid        NOT NULL REFERENCES redemption_applications (application_id),
    seq            integer     NOT NULL,
    action         text        NOT NULL,
    from_status    text,
    to_status      text        NOT NULL,
    round          integer     NOT NULL,
    by_account     uuid,
    at             timestamptz NOT NULL,
    note           text,
    PRIMARY KEY (application_id, seq)
);

-- Due-soon and overdue, each once per application.
CREATE TABLE application_marks (
    application_id uuid        NOT NULL REFERENCES redemption_applications (application_id),
    mark           text        NOT NULL CHECK (mark IN ('dueSoon', 'overdue')),
    marked_at      timestamptz NOT NULL,
    PRIMARY KEY (application_id, mark)
);
