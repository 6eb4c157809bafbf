-- In-site messages: one per (event, recipient); the recipient is an account or an enterprise.
CREATE TABLE inbox_messages (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    rule_id text NOT NULL,
    recipient_kind text NOT NULL CHECK (recipient_kind IN ('account', 'enterprise')),
    recipient_id uuid NOT NULL,
    category text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    link text,
    -- 'rule' or 'sms_fallback' (an SMS that could not be delivered).
    origin text NOT NULL DEFAULT 'rule',
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    UNIQUE (event_id, recipient_kind, recipient_id)
);
CREATE INDEX inbox_messages_box ON inbox_messages (recipient_kind, recipient_id, created_at DESC, id DESC);
CREATE INDEX inbox_messages_unread ON inbox_messages (recipient_kind, recipient_id) WHERE read_at IS NULL;

-- SMS: one per (event, account); the worker sends it through the provider.
-- status: pending | deferred (quiet hours or hourly limit) | retrying | sent | delivered | merged | failed
CREATE TABLE sms_messages (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    rule_id text NOT NULL,
    account_id uuid NOT NULL,
    category text NOT NULL,
    title text NOT NULL,
    text text NOT NULL,
    text_hash text NOT NULL,
    parts int NOT NULL,
    urgent boolean NOT NULL,
    status text NOT NULL,
    status_reason text,
    merged_into bigint REFERENCES sms_messages (id),
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    provider_message_id text,
    -- The number the last attempt used, sealed (FieldCipher).
    phone_key_id text,
    phone_sealed bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    UNIQUE (event_id, account_id)
);
CREATE INDEX sms_messages_due ON sms_messages (next_attempt_at) WHERE status IN ('pending', 'deferred', 'retrying');
CREATE INDEX sms_messages_recent ON sms_messages (account_id, created_at);
CREATE UNIQUE INDEX sms_messages_provider_id ON sms_messages (provider_message_id) WHERE provider_message_id IS NOT NULL;

-- Every attempt and status change of an SMS: the delivery log.
CREATE TABLE sms_attempts (
    id bigserial PRIMARY KEY,
    sms_id bigint NOT NULL REFERENCES sms_messages (id),
    attempt int NOT NULL,
    outcome text NOT NULL,
    detail text,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX sms_attempts_sms ON sms_attempts (sms_id, id);

-- What the local provider "sent" (the local run reads it at GET /local/sms).
CREATE TABLE local_sms (
    id bigserial PRIMARY KEY,
    sms_id bigint NOT NULL,
    account_id uuid NOT NULL,
    phone_key_id text NOT NULL,
    phone_sealed bytea NOT NULL,
    text text NOT NULL,
    parts int NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now()
);
