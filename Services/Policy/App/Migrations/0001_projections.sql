-- Read models of the identity service's events (consumed through the inbox): the units that issue
-- policies and the enterprise profiles subscriptions match against.
CREATE TABLE units (
    unit_id    uuid PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL,
    parent_id  uuid,
    region     text NOT NULL
);

CREATE TABLE enterprises (
    enterprise_id  uuid        PRIMARY KEY,
    name           text        NOT NULL,
    region         text        NOT NULL,
    industry       text        NOT NULL,
    tags           text[]      NOT NULL DEFAULT '{}',
    status         text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    updated_at     timestamptz NOT NULL
);
