-- First-responder (首接) totals (issue 15): the unit an appeal or complaint was first dispatched to, when
-- (Beijing month), and how many times it was dispatched to another unit after that (reassignments).
-- Folded from the kept case events like the other per-case facts; rows folded before this migration get
-- them at their case's next event or at `POST /statistics/rebuild`.
ALTER TABLE stat_cases
    ADD COLUMN first_unit_id uuid,
    ADD COLUMN first_unit_name text,
    ADD COLUMN first_dispatched_at timestamptz,
    ADD COLUMN first_dispatched_month text,
    ADD COLUMN reassignments int NOT NULL DEFAULT 0;
CREATE INDEX stat_cases_first_dispatched ON stat_cases (first_dispatched_month, first_unit_id) WHERE first_dispatched_month IS NOT NULL;
