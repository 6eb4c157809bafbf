-- Appeals (诉求) and complaints (营商环境投诉) share one life cycle, so they share one table.
CREATE TABLE serial_counters (
    prefix  text    NOT NULL,
    month   text    NOT NULL,
    last    integer NOT NULL,
    PRIMARY KEY (prefix, month)
);

CREATE TABLE cases (
    id                   uuid        PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('appeal', 'complaint')),
    serial_number        text        NOT NULL UNIQUE,
    enterprise_id        uuid        NOT NULL,
    enterprise_name      text        NOT NULL,
    region               text        NOT NULL,
    category             text        NOT NULL REFERENCES categories (code),
    title                text        NOT NULL,
    -- The current text of the form without personal data (which sits in case_contacts).
    form                 jsonb       NOT NULL,
    status               text        NOT NULL,
    scheme_code          text        NOT NULL REFERENCES deadline_schemes (code),
    liaison_official_id  uuid,
    lead_unit_id         uuid,
    lead_unit_name       text,
    -- Why the last unit handed it back to the dispatchers (cleared on the next dispatch).
    returned_reason      text,
    -- The deadline clock: one step at a time; step_seq grows with every step entered, so the
    -- scheduler's due-soon and overdue marks are once per step.
    step                 text,
    step_seq             integer     NOT NULL DEFAULT 0,
    step_started_at      timestamptz,
    due_soon_at          timestamptz,
    due_at               timestamptz,
    deadline_problem     text,
    paused_at            timestamptz,
    public_requested     boolean     NOT NULL DEFAULT false,
    register_withheld    text,
    reply                jsonb,
    replied_at           timestamptz,
    solved               boolean,
    satisfied            boolean,
    unrated              boolean     NOT NULL DEFAULT false,
    submitted_by         uuid        NOT NULL,
    submitted_at         timestamptz NOT NULL,
    closed_at            timestamptz,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX cases_enterprise ON cases (enterprise_id, submitted_at DESC);
CREATE INDEX cases_status ON cases (kind, status, submitted_at DESC);
CREATE INDEX cases_lead_unit ON cases (lead_unit_id, status);
CREATE INDEX cases_liaison ON cases (liaison_official_id, status);
CREATE INDEX cases_due ON cases (due_at) WHERE due_at IS NOT NULL;

-- Personal data of a case (phones, ID numbers, emails), sealed with the field cipher.
CREATE TABLE case_contacts (
    case_id      uuid  NOT NULL REFERENCES cases (id),
    field        text  NOT NULL,
    key_id       text  NOT NULL,
    sealed       bytea NOT NULL,
    lookup_hash  bytea NOT NULL,
    PRIMARY KEY (case_id, field)
);

-- Every text the problem had: the enterprise's, the liaison's correction, each resubmission.
CREATE TABLE case_versions (
    case_id      uuid        NOT NULL REFERENCES cases (id),
    version      integer     NOT NULL,
    author_id    uuid        NOT NULL,
    author_role  text        NOT NULL,
    title        text        NOT NULL,
    detail       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (case_id, version)
);

-- The archive (档案): every transition, who, when, from, to, note.
CREATE TABLE case_history (
    seq            bigserial   PRIMARY KEY,
    case_id        uuid        NOT NULL REFERENCES cases (id),
    action         text        NOT NULL,
    from_status    text,
    to_status      text        NOT NULL,
    actor_id       uuid,
    actor_role     text        NOT NULL,
    actor_unit_id  uuid,
    note           text,
    at             timestamptz NOT NULL
);
CREATE INDEX case_history_case ON case_history (case_id, seq);

CREATE TABLE case_co_handlers (
    case_id    uuid        NOT NULL REFERENCES cases (id),
    unit_id    uuid        NOT NULL,
    unit_name  text        NOT NULL,
    added_by   uuid        NOT NULL,
    added_at   timestamptz NOT NULL,
    PRIMARY KEY (case_id, unit_id)
);

CREATE TABLE case_progress (
    id           uuid        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES cases (id),
    checkpoint   text,
    content      text        NOT NULL,
    reported_by  uuid        NOT NULL,
    unit_id      uuid,
    at           timestamptz NOT NULL
);
CREATE INDEX case_progress_case ON case_progress (case_id, at);

-- Required checkpoints (13710's progress report) of the current handling round.
CREATE TABLE case_checkpoints (
    case_id      uuid        NOT NULL REFERENCES cases (id),
    step         text        NOT NULL,
    step_seq     integer     NOT NULL,
    due_at       timestamptz,
    reported_at  timestamptz,
    PRIMARY KEY (case_id, step, step_seq)
);

-- The scheduler's marks: one row per (item, step entered, mark), so each fires once.
CREATE TABLE deadline_marks (
    case_id    uuid        NOT NULL REFERENCES cases (id),
    step_seq   integer     NOT NULL,
    mark       text        NOT NULL CHECK (mark IN ('dueSoon', 'overdue')),
    step       text        NOT NULL,
    marked_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, step_seq, mark)
);

-- Escalations (督办) are recorded immutably.
CREATE TABLE escalations (
    id             uuid        PRIMARY KEY,
    case_id        uuid        NOT NULL REFERENCES cases (id),
    step           text,
    due_at         timestamptz,
    note           text        NOT NULL,
    inspector_id   uuid        NOT NULL,
    at             timestamptz NOT NULL
);
CREATE INDEX escalations_case ON escalations (case_id, at);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER escalations_immutable BEFORE UPDATE OR DELETE ON escalations
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER case_history_immutable BEFORE UPDATE OR DELETE ON case_history
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
