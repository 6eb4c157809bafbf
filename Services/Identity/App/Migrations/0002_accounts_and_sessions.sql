-- Accounts (persons and officials), sign-in protection, signing keys, refresh tokens and the
-- hash-chained audit log. Personal data is sealed (AES-GCM, key id beside the value) and
-- looked up by a keyed hash.

CREATE TABLE accounts (
    id                     uuid PRIMARY KEY,
    kind                   text NOT NULL CHECK (kind IN ('person', 'official')),
    username               text NOT NULL UNIQUE,
    real_name              text NOT NULL,
    id_number_key_id       text,
    id_number_sealed       bytea,
    id_number_hash         bytea UNIQUE,
    phone_key_id           text,
    phone_sealed           bytea,
    phone_hash             bytea,
    password_hash          text NOT NULL,
    must_change_password   boolean NOT NULL DEFAULT false,
    phone_binding_required boolean NOT NULL DEFAULT false,
    unit_id                uuid REFERENCES units (id),
    region                 text REFERENCES regions (code),
    roles                  text[] NOT NULL DEFAULT '{}',
    title                  text,
    active                 boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'person' OR (unit_id IS NOT NULL AND region IS NOT NULL))
);

CREATE INDEX accounts_phone_hash ON accounts (phone_hash);

-- One row per failed sign-in, by the normalized username typed (known or not), for the
-- 5-in-15-minutes lock-out and the captcha rule.
CREATE TABLE sign_in_failures (
    id        bigserial PRIMARY KEY,
    username  text NOT NULL,
    client_ip text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sign_in_failures_username ON sign_in_failures (username, failed_at);

CREATE TABLE captchas (
    id          uuid PRIMARY KEY,
    answer_hash bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- Single-use tickets for the forced password change (first sign-in, after an admin reset).
CREATE TABLE password_change_tickets (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE TABLE signing_keys (
    kid             text PRIMARY KEY,
    status          text NOT NULL CHECK (status IN ('current', 'previous', 'retired')),
    public_key      bytea NOT NULL,
    private_key_id  text NOT NULL,
    private_sealed  bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (status) WHERE status = 'current';

CREATE TABLE refresh_tokens (
    id            uuid PRIMARY KEY,
    family_id     uuid NOT NULL,
    account_id    uuid NOT NULL REFERENCES accounts (id),
    enterprise_id uuid,
    token_hash    bytea NOT NULL UNIQUE,
    issued_at     timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    revoked_at    timestamptz
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Each row's hash covers its own fields and the previous row's hash, so altering or deleting a
-- row breaks every later link (see AuditLog.verify).
CREATE TABLE audit_log (
    seq         bigint PRIMARY KEY,
    at_ms       bigint NOT NULL,
    action      text NOT NULL,
    actor_id    uuid,
    subject     text NOT NULL,
    detail      text NOT NULL,
    client_ip   text NOT NULL,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);
