-- Where each case's fold stands (issue 15, the ingest): the last event folded in (its time is
-- last_event_at), the due times of the review, sign and reply steps, whether each went overdue, the unit
-- of the latest dispatch, and the withdrawal and first major marking as instants. A case's next events
-- then carry its row on instead of all its kept events being read and folded again. A row without
-- last_event_id (folded before this migration) is folded from its events once more at its next event.
ALTER TABLE stat_cases
    ADD COLUMN last_event_id uuid,
    ADD COLUMN review_due_at timestamptz,
    ADD COLUMN sign_due_at timestamptz,
    ADD COLUMN reply_due_at timestamptz,
    ADD COLUMN review_overdue boolean NOT NULL DEFAULT false,
    ADD COLUMN sign_overdue boolean NOT NULL DEFAULT false,
    ADD COLUMN reply_overdue boolean NOT NULL DEFAULT false,
    ADD COLUMN dispatched_to uuid,
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN marked_major_at timestamptz;
