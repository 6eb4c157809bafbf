-- Liaison officials (包联干部) and the enterprises they look after; history kept (ended rows stay).
CREATE TABLE liaison_assignments (
    id            uuid PRIMARY KEY,
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    official_id   uuid NOT NULL REFERENCES accounts (id),
    assigned_by   uuid NOT NULL,
    assigned_at   timestamptz NOT NULL DEFAULT now(),
    ended_by      uuid,
    ended_at      timestamptz
);

CREATE UNIQUE INDEX liaison_assignments_one_open
    ON liaison_assignments (enterprise_id, official_id) WHERE ended_at IS NULL;
CREATE INDEX liaison_assignments_official ON liaison_assignments (official_id) WHERE ended_at IS NULL;
