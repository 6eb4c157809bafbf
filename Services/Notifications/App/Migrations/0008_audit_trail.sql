-- The service's own audit_log gives way to the shared, hash-chained audit_trail (applied before
-- this schema's migrations). Existing rows move over in their order; every one was a platform
-- admin's change, and the subject kind follows from the action.
DO $$
DECLARE
    entry record;
BEGIN
    FOR entry IN SELECT * FROM audit_log ORDER BY at, id LOOP
        PERFORM audit_trail_append(
            entry.at, entry.actor, CASE WHEN entry.actor IS NULL THEN '' ELSE 'platformAdmin' END, entry.action,
            CASE split_part(entry.action, '.', 1)
                WHEN 'template' THEN 'template'
                WHEN 'rule' THEN 'rule'
                WHEN 'setting' THEN 'setting'
                WHEN 'event_type' THEN 'eventType'
                WHEN 'sms' THEN 'sms'
                ELSE 'other'
            END,
            entry.target, '{}'::jsonb);
    END LOOP;
END
$$;

DROP TABLE audit_log;
