-- The public register reads concluded items by region/category, newest first.
CREATE INDEX cases_register ON cases (closed_at DESC, serial_number)
    WHERE status = 'closed' AND register_withheld IS NULL;
CREATE INDEX cases_register_region ON cases (region, closed_at DESC)
    WHERE status = 'closed' AND register_withheld IS NULL;
