-- Liaison review on time (issue 15, Shiyan's assessment): an appeal whose enterprise has a liaison
-- official starts in the review step (`reviewing`, step `review`, with its due time); the official's
-- review (`appeal.reviewed`) is on time unless it came after the review step's due time or the step
-- went overdue before it (a resubmission starts the step afresh). Kept, like the rest of the
-- statistics, from the appeals topic through the inbox: each case event keeps the item's liaison
-- official, and the per-case facts are folded from them (`CaseStatistics.fold`). Months are Beijing
-- months (yyyy-MM) of the review's own time.
--
-- Rows kept before this migration get NULL in the new columns. A case's next fold (its next event, or
-- `POST /statistics/rebuild`) fills the review's time and lateness from its kept events, but the liaison
-- official only from events kept from now on (the older ones were kept without it): a review made
-- before this migration counts for its official once a later event of the case is kept, or after a
-- rebuild from the topics (README, "Filing: statistics", Rebuild).
ALTER TABLE stat_case_events ADD COLUMN liaison_official_id uuid;  -- the enterprise's liaison official, as the event says

ALTER TABLE stat_cases
    ADD COLUMN liaison_official_id uuid,   -- the latest one the item's events named
    ADD COLUMN reviewed_at timestamptz,    -- the latest liaison review
    ADD COLUMN reviewed_month text,
    ADD COLUMN reviewed_late boolean;

-- GET /statistics/liaison/{quarter}: the quarter's reviews per official.
CREATE INDEX stat_cases_reviewed ON stat_cases (reviewed_month, liaison_official_id) WHERE reviewed_month IS NOT NULL;
