-- Identity's own hash-chained audit_log moves into the shared audit_trail (rows re-chained in seq
-- order by audit_trail_append), then goes.
DO $$
DECLARE
    entry record;
BEGIN
    FOR entry IN SELECT * FROM audit_log ORDER BY seq LOOP
        PERFORM audit_trail_append(
            to_timestamp(entry.at_ms / 1000.0), entry.actor_id, '', entry.action, split_part(entry.action, '.', 1),
            entry.subject, jsonb_build_object('detail', entry.detail, 'clientIP', entry.client_ip));
    END LOOP;
END
$$;

DROP TABLE audit_log;
