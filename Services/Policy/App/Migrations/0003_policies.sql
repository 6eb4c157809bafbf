-- The policy library (政策文库). A row's columns are its public content (the last published version,
-- or the draft while it was never published); `pending` is the content under edit or review.
CREATE TABLE policies (
    policy_id         uuid        PRIMARY KEY,
    status            text        NOT NULL CHECK (status IN ('unpublished', 'published', 'withdrawn')),
    review_state      text        NOT NULL CHECK (review_state IN ('none', 'editing', 'reviewing', 'returned')),
    version           integer     NOT NULL DEFAULT 0,
    title             text        NOT NULL,
    document_number   text        NOT NULL,
    agency_id         uuid        NOT NULL,
    region            text        NOT NULL,
    issued_at         timestamptz NOT NULL,
    published_at      timestamptz,
    first_published_at timestamptz,
    policy_type       text        NOT NULL,
    subsidy_type      text,
    tags              text[]      NOT NULL DEFAULT '{}',
    body              text        NOT NULL,
    attachments       uuid[]      NOT NULL DEFAULT '{}',
    -- The title's characters and character pairs (lower case): the keyword index.
    title_grams       text[]      NOT NULL,
    -- Art. 5: hours from issue to first publication, and whether that exceeded 24.
    hours_to_publish  numeric(12, 2),
    late              boolean     NOT NULL DEFAULT false,
    -- Filled by the features that add them (interpretations; redemption items).
    has_interpretations boolean   NOT NULL DEFAULT false,
    has_redemption      boolean   NOT NULL DEFAULT false,
    pending           jsonb,
    -- Everyone who edited the pending content (none of them may publish it).
    pending_editors   uuid[]      NOT NULL DEFAULT '{}',
    return_reason     text,
    withdrawal_reason text,
    created_by        uuid        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX policies_title_grams ON policies USING gin (title_grams) WHERE status = 'published';
CREATE INDEX policies_tags ON policies USING gin (tags) WHERE status = 'published';
CREATE INDEX policies_issued ON policies (issued_at DESC, policy_id) WHERE status = 'published';
CREATE INDEX policies_published ON policies (published_at DESC, policy_id) WHERE status = 'published';
CREATE INDEX policies_region ON policies (region, issued_at DESC) WHERE status = 'published';
CREATE INDEX policies_agency ON policies (agency_id, issued_at DESC);
CREATE INDEX policies_type ON policies (policy_type, issued_at DESC) WHERE status = 'published';
CREATE INDEX policies_review ON policies (agency_id, review_state) WHERE review_state <> 'none';

-- Every published version, whole.
CREATE TABLE policy_versions (
    policy_id     uuid        NOT NULL REFERENCES policies (policy_id),
    version       integer     NOT NULL,
    content       jsonb       NOT NULL,
    published_at  timestamptz NOT NULL,
    published_by  uuid        NOT NULL,
    PRIMARY KEY (policy_id, version)
);

-- Status history: every step of every policy.
CREATE TABLE policy_history (
    seq         bigserial   PRIMARY KEY,
    policy_id   uuid        NOT NULL REFERENCES policies (policy_id),
    action      text        NOT NULL,
    status      text        NOT NULL,
    review_state text       NOT NULL,
    actor_id    uuid        NOT NULL,
    actor_role  text        NOT NULL,
    reason      text,
    at          timestamptz NOT NULL
);
CREATE INDEX policy_history_policy ON policy_history (policy_id, seq);

-- Files of policies (the shared attachment checks), each belonging to the unit that uploaded it.
CREATE TABLE policy_attachments (
    id            uuid        PRIMARY KEY,
    unit_id       uuid        NOT NULL,
    uploaded_by   uuid        NOT NULL,
    file_name     text        NOT NULL,
    content_type  text        NOT NULL,
    size          integer     NOT NULL,
    sha256        text        NOT NULL,
    data          bytea       NOT NULL,
    created_at    timestamptz NOT NULL
);
