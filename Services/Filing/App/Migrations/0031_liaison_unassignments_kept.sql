-- The filing service's liaison assignments keep an unassignment instead of deleting the row, so an
-- assignment and an unassignment applied in either order leave the same answer: the official holds the
-- enterprise while the latest assignment is later than the latest unassignment. (An unassignment that
-- arrives first is kept with assigned_at = -infinity.)
ALTER TABLE liaison_assignments ADD COLUMN unassigned_at timestamptz;
CREATE VIEW liaison_holdings AS
    SELECT enterprise_id, official_id, assigned_at FROM liaison_assignments
    WHERE unassigned_at IS NULL OR unassigned_at < assigned_at;
