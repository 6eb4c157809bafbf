-- The public register lists by submission time, newest first, as the manual's 诉求公示 does (时间↓ on
-- 提交时间); closing time stays a sort (0007's and 0008's indexes serve it). These two are the same
-- indexes on submitted_at, over exactly the register's visible rows (RegisterStore.visible), so the
-- default order is read from an index as the closing-time order is.
CREATE INDEX cases_register_submitted ON cases (submitted_at DESC, serial_number)
    WHERE status = 'closed' AND register_withheld IS NULL AND (kind = 'appeal' OR public_requested);
CREATE INDEX cases_register_region_category_submitted ON cases (region, category, submitted_at DESC, serial_number)
    WHERE status = 'closed' AND register_withheld IS NULL AND (kind = 'appeal' OR public_requested);
