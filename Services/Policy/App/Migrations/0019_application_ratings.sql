-- 好差评 of 政策兑现 applications: once an application is concluded (办结: approved or rejected), its
-- applicant (or a member of its enterprise) may rate it once on the national five levels (国办发〔2019〕51号)
-- with an optional comment, within 15 calendar days of the conclusion (Beijing dates;
-- ApplicationRatingWorkflow.ratingWindowDays). A 不满意 or 非常不满意 opens a follow-up (回访整改) that the
-- implementing unit answers within 5 working days on the official calendar (followUpWorkingDays).
-- Coverage is ratings over concluded applications; rectification is answered follow-ups over opened ones.
CREATE TABLE application_ratings (
    application_id   uuid        PRIMARY KEY REFERENCES redemption_applications (application_id),
    level            text        NOT NULL
        CHECK (level IN ('verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied')),
    -- The applicant's words, shown to the application's readers only; events say just whether there is one.
    comment          text,
    rated_by         uuid        NOT NULL,
    rated_at         timestamptz NOT NULL,
    -- Whether the rating opened a follow-up: exactly the two dissatisfied levels. Open does not depend on
    -- the due time, which stays NULL while the calendar lacks a year the limit reaches (the answer times it
    -- again).
    follow_up_opened boolean     NOT NULL,
    -- The end of the limit's last working day.
    follow_up_due_at timestamptz,
    -- The unit's answer (整改情况): who, when, what.
    follow_up_answer text,
    follow_up_by     uuid,
    follow_up_at     timestamptz,
    CHECK (comment IS NULL OR comment <> ''),
    CHECK (follow_up_opened = (level IN ('dissatisfied', 'veryDissatisfied'))),
    CHECK (follow_up_opened OR follow_up_due_at IS NULL),
    CHECK (follow_up_due_at IS NULL OR follow_up_due_at > rated_at),
    CHECK (follow_up_opened OR follow_up_answer IS NULL),
    CHECK ((follow_up_answer IS NULL) = (follow_up_by IS NULL) AND (follow_up_answer IS NULL) = (follow_up_at IS NULL)),
    CHECK (follow_up_answer IS NULL OR follow_up_answer <> ''),
    CHECK (follow_up_at IS NULL OR follow_up_at >= rated_at)
);
-- The statistics' periods.
CREATE INDEX application_ratings_rated ON application_ratings (rated_at);
-- Follow-ups still waiting for the unit, earliest due first.
CREATE INDEX application_ratings_open_follow_ups ON application_ratings (follow_up_due_at)
    WHERE follow_up_opened AND follow_up_answer IS NULL;
