-- The monthly performance review (绩效评估, issue 15; operating rules art. 9–11): the indicators a
-- unit's score is made of and their weights are data, as are the lagging threshold and how many
-- consecutive lagging months make a unit a 重点督查 target. Departments may weigh their own unit
-- differently (art. 11): a unit's weights, when set, replace the city's for that unit.

-- The indicators the platform can compute (the code computes each; the rows say which are used).
CREATE TABLE performance_indicators (
    code text PRIMARY KEY CHECK (code IN ('concludedOnTime', 'signedOnTime', 'satisfied', 'policyWithin24Hours')),
    name text NOT NULL,
    position int NOT NULL UNIQUE
);
INSERT INTO performance_indicators (code, name, position) VALUES
    ('concludedOnTime', '按期办结率', 1),
    ('signedOnTime', '按期签收率', 2),
    ('satisfied', '满意率', 3),
    ('policyWithin24Hours', '政策24小时内发布率', 4);

-- Weights (percent, summing to 100 per scope): the city's (unit_id NULL) and any unit's own.
CREATE TABLE performance_weights (
    unit_id uuid,
    indicator text NOT NULL REFERENCES performance_indicators (code),
    weight numeric(5, 2) NOT NULL CHECK (weight >= 0 AND weight <= 100),
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by uuid
);
CREATE UNIQUE INDEX performance_weights_scope ON performance_weights (coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), indicator);
INSERT INTO performance_weights (unit_id, indicator, weight) VALUES
    (NULL, 'concludedOnTime', 40), (NULL, 'signedOnTime', 20), (NULL, 'satisfied', 20), (NULL, 'policyWithin24Hours', 20);

-- The city's thresholds: a score below `lagging_below` is lagging; lagging in at least
-- `consecutive_months` months in a row (ending with the reported month) is 重点督查.
CREATE TABLE performance_thresholds (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    lagging_below numeric(5, 2) NOT NULL CHECK (lagging_below >= 0 AND lagging_below <= 100),
    consecutive_months int NOT NULL CHECK (consecutive_months BETWEEN 2 AND 12),
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by uuid
);
INSERT INTO performance_thresholds (lagging_below, consecutive_months) VALUES (60, 2);
