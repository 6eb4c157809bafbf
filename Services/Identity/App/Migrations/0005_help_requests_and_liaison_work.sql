-- 申请帮扶: an enterprise asks for helpers; an admin assigns officials or rejects.
CREATE TABLE help_requests (
    id            uuid PRIMARY KEY,
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    requested_by  uuid NOT NULL REFERENCES accounts (id),
    note          text NOT NULL,
    status        text NOT NULL CHECK (status IN ('pending', 'assigned', 'rejected')),
    reason        text,
    decided_by    uuid,
    decided_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX help_requests_enterprise ON help_requests (enterprise_id, created_at);
CREATE INDEX help_requests_status ON help_requests (status, created_at);

CREATE TABLE help_request_helpers (
    request_id  uuid NOT NULL REFERENCES help_requests (id),
    official_id uuid NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (request_id, official_id)
);

CREATE TABLE help_request_history (
    id         bigserial PRIMARY KEY,
    request_id uuid NOT NULL REFERENCES help_requests (id),
    status     text NOT NULL,
    note       text,
    actor_id   uuid NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);

-- The liaison official's monthly record of the enterprise's operating status (all months kept).
CREATE TABLE operating_statuses (
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    status        text NOT NULL CHECK (status IN ('normal', 'difficult', 'suspended', 'closed')),
    note          text NOT NULL DEFAULT '',
    recorded_by   uuid NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enterprise_id, month)
);

-- Each contact of a liaison official with an enterprise.
CREATE TABLE liaison_contacts (
    id            uuid PRIMARY KEY,
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    official_id   uuid NOT NULL REFERENCES accounts (id),
    contact_date  date NOT NULL,
    way           text NOT NULL CHECK (way IN ('visit', 'phone', 'meeting', 'online', 'other')),
    note          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX liaison_contacts_pair ON liaison_contacts (official_id, enterprise_id, contact_date);

-- Months in which an official had no contact with one of their enterprises (published once).
CREATE TABLE liaison_contact_gaps (
    enterprise_id uuid NOT NULL,
    official_id   uuid NOT NULL,
    month         text NOT NULL,
    found_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enterprise_id, official_id, month)
);
