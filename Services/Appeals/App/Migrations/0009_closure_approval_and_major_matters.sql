-- 13710's "1 month" and "0": a major or complex matter gets its own (longer) limit and, when it
-- cannot make it, a dated plan; and a scheme may require the assigning side to approve closure.

ALTER TABLE deadline_steps DROP CONSTRAINT deadline_steps_counting_check;
ALTER TABLE deadline_steps ADD CONSTRAINT deadline_steps_counting_check
    CHECK (counting IN ('workingDays', 'calendarDays', 'calendarMonths'));

-- `ordinary` steps time every item; a `major` step replaces the ordinary step of its status for an
-- item marked major/complex; a `plan` step (no limit of its own) is what a filed plan's date times.
ALTER TABLE deadline_steps ADD COLUMN variant text NOT NULL DEFAULT 'ordinary'
    CHECK (variant IN ('ordinary', 'major', 'plan'));
ALTER TABLE deadline_steps ADD CONSTRAINT deadline_steps_plan_has_no_limit
    CHECK (variant <> 'plan' OR limit_days IS NULL);
CREATE UNIQUE INDEX deadline_steps_one_per_status ON deadline_steps (scheme_code, status, variant) WHERE NOT checkpoint;

-- Closure (销号) needs the assigning side's approval: rated or unrated items wait in
-- `awaitingClosure` until a dispatcher approves or returns them to the unit.
ALTER TABLE deadline_schemes ADD COLUMN closure_approval boolean NOT NULL DEFAULT false;
UPDATE deadline_schemes SET closure_approval = true WHERE code = '13710';
UPDATE deadline_schemes SET name = '13710: 当天签收, 3天报告进展, 7天办结, 重大复杂1个月(否则报计划), 审核销号'
WHERE code = '13710';

INSERT INTO deadline_steps (scheme_code, step, status, limit_days, counting, checkpoint, variant) VALUES
    ('13710', 'replyMajor', 'inProgress', 1, 'calendarMonths', false, 'major'),
    ('13710', 'plan', 'inProgress', NULL, 'calendarDays', false, 'plan'),
    ('13710', 'closure', 'awaitingClosure', 1, 'calendarDays', false, 'ordinary');

ALTER TABLE cases ADD COLUMN major boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN major_reason text;

-- A major matter's plans (the latest one times the item); never changed, a new plan is a new version.
CREATE TABLE case_plans (
    case_id      uuid        NOT NULL REFERENCES cases (id),
    version      integer     NOT NULL,
    resolve_by   date        NOT NULL,
    milestones   jsonb       NOT NULL,
    reason       text        NOT NULL,
    filed_by     uuid        NOT NULL,
    unit_id      uuid,
    filed_at     timestamptz NOT NULL,
    PRIMARY KEY (case_id, version)
);
CREATE TRIGGER case_plans_immutable BEFORE UPDATE OR DELETE ON case_plans
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
