CREATE TABLE enterprises (
    id                    uuid PRIMARY KEY,
    uscc                  text NOT NULL UNIQUE,
    name                  text NOT NULL,
    region                text NOT NULL REFERENCES regions (code),
    industry              char(1) NOT NULL REFERENCES industries (section),
    ownership             text NOT NULL,
    employee_band         text NOT NULL,
    address               text NOT NULL DEFAULT '',
    principal_name        text NOT NULL,
    principal_title       text NOT NULL DEFAULT '',
    principal_phone_key_id text,
    principal_phone_sealed bytea,
    contact_name          text NOT NULL DEFAULT '',
    contact_title         text NOT NULL DEFAULT '',
    contact_phone_key_id  text,
    contact_phone_sealed  bytea,
    overview              text NOT NULL DEFAULT '',
    tags                  text[] NOT NULL DEFAULT '{}',
    status                text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    origin                text NOT NULL CHECK (origin IN ('imported', 'online')),
    registered_by         uuid REFERENCES accounts (id),
    reject_reason         text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX enterprises_status ON enterprises (status, created_at);

CREATE TABLE enterprise_status_history (
    id            bigserial PRIMARY KEY,
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    status        text NOT NULL,
    reason        text,
    actor_id      uuid,
    at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprise_changes (
    id            bigserial PRIMARY KEY,
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    field         text NOT NULL,
    old_value     text,
    new_value     text,
    actor_id      uuid NOT NULL,
    at            timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX enterprise_changes_enterprise ON enterprise_changes (enterprise_id, at);

-- 授权认证: applications and the memberships they grant.
CREATE TABLE membership_applications (
    id            uuid PRIMARY KEY,
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    account_id    uuid NOT NULL REFERENCES accounts (id),
    note          text NOT NULL DEFAULT '',
    status        text NOT NULL CHECK (status IN ('pending', 'granted', 'rejected')),
    decided_by    uuid,
    decided_at    timestamptz,
    reason        text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX membership_applications_one_pending
    ON membership_applications (enterprise_id, account_id) WHERE status = 'pending';

CREATE TABLE memberships (
    id                 uuid PRIMARY KEY,
    enterprise_id      uuid NOT NULL REFERENCES enterprises (id),
    account_id         uuid NOT NULL REFERENCES accounts (id),
    role               text NOT NULL CHECK (role IN ('member', 'admin')),
    status             text NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
    expires_at         timestamptz NOT NULL,
    granted_by         uuid,
    granted_at         timestamptz NOT NULL DEFAULT now(),
    ended_at           timestamptz,
    end_reason         text,
    expiring_notified  boolean NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX memberships_one_active ON memberships (enterprise_id, account_id) WHERE status = 'active';
CREATE INDEX memberships_expiry ON memberships (expires_at) WHERE status = 'active';
