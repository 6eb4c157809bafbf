-- The kept case events keyed by (case, event id) instead of the event id alone, beside an index on
-- (case, time): one index serves both the statistics consumer's "already kept?" (its record of what
-- was applied, `ON CONFLICT (case_id, event_id)`) and its read of a case's earlier events, so each
-- kept event costs one index entry fewer (the ingest's largest statement). An event id names one
-- case's event, so the key keeps the same events apart.
ALTER TABLE stat_case_events DROP CONSTRAINT stat_case_events_pkey;
ALTER TABLE stat_case_events ADD PRIMARY KEY (case_id, event_id);
DROP INDEX stat_case_events_case;
