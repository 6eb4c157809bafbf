-- Read models of the identity service's events (consumed through the inbox).
CREATE TABLE enterprises (
    enterprise_id  uuid        PRIMARY KEY,
    uscc           text        NOT NULL,
    name           text        NOT NULL,
    region         text        NOT NULL,
    industry       text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    updated_at     timestamptz NOT NULL
);

CREATE TABLE liaison_assignments (
    enterprise_id  uuid        NOT NULL,
    official_id    uuid        NOT NULL,
    unit_id        uuid        NOT NULL,
    assigned_at    timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, official_id)
);

CREATE TABLE memberships (
    membership_id  uuid        PRIMARY KEY,
    enterprise_id  uuid        NOT NULL,
    account_id     uuid        NOT NULL,
    role           text        NOT NULL,
    expires_at     timestamptz NOT NULL,
    active         boolean     NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX memberships_account ON memberships (account_id);

CREATE TABLE units (
    unit_id    uuid PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL,
    parent_id  uuid,
    region     text NOT NULL
);

CREATE TABLE officials (
    official_id  uuid    PRIMARY KEY,
    name         text    NOT NULL,
    unit_id      uuid    NOT NULL,
    region       text    NOT NULL,
    roles        text    NOT NULL,
    active       boolean NOT NULL
);
