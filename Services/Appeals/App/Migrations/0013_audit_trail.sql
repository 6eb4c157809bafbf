-- The service's own audit_log gives way to the shared, hash-chained audit_trail (applied before
-- the service's migrations): its rows are appended in their order, before and after kept in the
-- detail, and the table goes (its triggers with it; forbid_change() stays, other tables use it).
DO $$
DECLARE
    entry record;
BEGIN
    FOR entry IN SELECT * FROM audit_log ORDER BY seq LOOP
        PERFORM audit_trail_append(
            entry.at, entry.actor_id, entry.actor_role, entry.action, entry.subject_kind, entry.subject_id,
            jsonb_build_object('before', entry.before, 'after', entry.after));
    END LOOP;
END
$$;

DROP TABLE audit_log;
