-- Withdrawals and major matters (重大事项) as measures of their own (issue 15): the Beijing month an
-- appeal or complaint was withdrawn, and the month it was first marked major. Folded from the kept case
-- events; rows folded before this migration get them at their case's next event or at
-- `POST /statistics/rebuild`.
ALTER TABLE stat_cases ADD COLUMN withdrawn_month text, ADD COLUMN major_month text;
CREATE INDEX stat_cases_withdrawn ON stat_cases (withdrawn_month) WHERE withdrawn_month IS NOT NULL;
CREATE INDEX stat_cases_major ON stat_cases (major_month) WHERE major_month IS NOT NULL;
