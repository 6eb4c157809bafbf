-- Quarterly ratings of liaison officials by their enterprises (干部测评), on Shiyan's four roles.
CREATE TABLE official_ratings (
    id                   uuid        PRIMARY KEY,
    official_id          uuid        NOT NULL,
    enterprise_id        uuid        NOT NULL,
    quarter              text        NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    epidemic_guide       integer     NOT NULL CHECK (epidemic_guide BETWEEN 1 AND 5),
    development_advisor  integer     NOT NULL CHECK (development_advisor BETWEEN 1 AND 5),
    appeal_mediator      integer     NOT NULL CHECK (appeal_mediator BETWEEN 1 AND 5),
    policy_promoter      integer     NOT NULL CHECK (policy_promoter BETWEEN 1 AND 5),
    comment              text,
    rated_by             uuid        NOT NULL,
    rated_at             timestamptz NOT NULL,
    UNIQUE (official_id, enterprise_id, quarter)
);
CREATE INDEX official_ratings_quarter ON official_ratings (quarter, official_id);
