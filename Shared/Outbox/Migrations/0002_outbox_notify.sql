-- Wakes the relay (LISTEN qinqing_outbox_<schema>) when a transaction that wrote events commits;
-- the relay still polls now and then, so a missed notification only delays, never loses.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('qinqing_outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
