-- Liaison work statistics (issue 15; Shiyan's account guide items 5, 6, 11, 16, 17): enterprises per
-- liaison official, months without contact, the enterprises' ratings of their officials per quarter,
-- briefings submitted and published per unit and per official. Kept from the identity, appeals and
-- policy topics through the inbox (consumer `filing-statistics.<schema>`), never from another
-- service's tables. Each row is the facts of its events as such (nothing folded): every event sets
-- only its own columns, keeping the earlier or later time as the column says, so late, out-of-order
-- and repeated events land the same. Months are Beijing months (yyyy-MM) of each fact's own time.

-- One row per (enterprise, official) ever assigned: the latest assignment's and the latest
-- unassignment's times. The pair is current while its assignment is later than its unassignment;
-- an unassignment is kept rather than deleted, so an older assignment arriving after it does not
-- bring the pair back, and an older unassignment arriving after a newer assignment does not end it.
CREATE TABLE stat_liaison_assignments (
    enterprise_id  uuid        NOT NULL,
    official_id    uuid        NOT NULL,
    unit_id        uuid,                  -- the official's unit, as of the latest assignment
    assigned_at    timestamptz,           -- NULL while only an unassignment has arrived
    unassigned_at  timestamptz,
    PRIMARY KEY (enterprise_id, official_id)
);
CREATE INDEX stat_liaison_assignments_official ON stat_liaison_assignments (official_id);

-- The current assignments the filing projection already holds (0002, from the same events), so the
-- figures start whole even where the identity topic no longer keeps the oldest assignments; their unit
-- comes with the next assignment event of the pair (the topic's retained ones are applied on top).
INSERT INTO stat_liaison_assignments (enterprise_id, official_id, assigned_at)
SELECT enterprise_id, official_id, assigned_at FROM liaison_assignments
ON CONFLICT DO NOTHING;

-- A month in which a liaison official had no recorded contact with one of their enterprises.
CREATE TABLE stat_liaison_contact_gaps (
    enterprise_id  uuid NOT NULL,
    official_id    uuid NOT NULL,
    month          text NOT NULL,         -- yyyy-MM, as the event says
    PRIMARY KEY (enterprise_id, official_id, month)
);
CREATE INDEX stat_liaison_contact_gaps_month ON stat_liaison_contact_gaps (month, official_id);

-- One row per rating of a liaison official by an enterprise (干部测评), Shiyan's four roles 1–5.
CREATE TABLE stat_official_ratings (
    rating_id            uuid PRIMARY KEY,
    official_id          uuid        NOT NULL,
    enterprise_id        uuid        NOT NULL,
    quarter              text        NOT NULL,   -- yyyy-Qn, as the event says
    epidemic_guide       integer     NOT NULL,
    development_advisor  integer     NOT NULL,
    appeal_mediator      integer     NOT NULL,
    policy_promoter      integer     NOT NULL,
    rated_at             timestamptz NOT NULL
);
CREATE INDEX stat_official_ratings_quarter ON stat_official_ratings (quarter, official_id);

-- One row per briefing (简报投稿): who sent it (an official with their unit, or an enterprise) and
-- when it was submitted, published or returned (the earliest of each, whichever event came first).
-- Policy's workflow decides a briefing once: a returned one is not resubmitted (a new one is sent).
CREATE TABLE stat_briefings (
    briefing_id      uuid PRIMARY KEY,
    submitter_kind   text NOT NULL,          -- official, enterprise
    submitted_by     uuid NOT NULL,          -- the official's id for officials
    unit_id          uuid,                   -- the official's unit
    enterprise_id    uuid,
    submitted_at     timestamptz,
    submitted_month  text,
    published_at     timestamptz,
    published_month  text,
    returned_at      timestamptz,
    returned_month   text
);
CREATE INDEX stat_briefings_submitted ON stat_briefings (submitted_month, unit_id);
CREATE INDEX stat_briefings_published ON stat_briefings (published_month, unit_id);
CREATE INDEX stat_briefings_submitter ON stat_briefings (submitted_by) WHERE submitter_kind = 'official';
