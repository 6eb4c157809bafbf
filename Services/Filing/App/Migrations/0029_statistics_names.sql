-- Names for the liaison figures (issue 15): officials' and units' names from identity's official and
-- unit events, kept by the statistics consumer, so `GET /statistics/liaison/{quarter}` and
-- `GET /statistics/briefings/{quarter}` read as people and units. An official's name is the one of their
-- latest profile event (`changed_at`); a unit's events carry no time and keep their order on the topic.
CREATE TABLE stat_official_names (
    official_id uuid PRIMARY KEY,
    name        text        NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE TABLE stat_unit_names (
    unit_id uuid PRIMARY KEY,
    name    text NOT NULL
);
