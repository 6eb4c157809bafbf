-- The audit trail every service keeps in its own schema: one row per administrative state change,
-- written in the change's own transaction. Each row's hash is SHA-256 over the previous row's hash
-- and its own fields (each as "<byte length>:<text>"), so altering, inserting or deleting a row
-- breaks the chain from there on; `audit_trail_append` is the only writer.
CREATE TABLE audit_trail (
    seq bigint PRIMARY KEY,
    at timestamptz NOT NULL,
    actor_id uuid,
    actor_role text NOT NULL DEFAULT '',
    action text NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'::jsonb,
    prev_hash bytea NOT NULL,
    hash bytea NOT NULL
);
CREATE INDEX audit_trail_subject ON audit_trail (subject_kind, subject_id, seq DESC);
CREATE INDEX audit_trail_action ON audit_trail (action, seq DESC);

CREATE FUNCTION audit_trail_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT octet_length(convert_to(coalesce(value, '-'), 'UTF8'))::text || ':' || coalesce(value, '-')
$$;

CREATE FUNCTION audit_trail_hash(
    prev bytea, seq bigint, at timestamptz, actor_id uuid, actor_role text, action text, subject_kind text,
    subject_id text, detail jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(prev || convert_to(
        audit_trail_field(seq::text)
        || audit_trail_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        || audit_trail_field(actor_id::text) || audit_trail_field(actor_role) || audit_trail_field(action)
        || audit_trail_field(subject_kind) || audit_trail_field(subject_id) || audit_trail_field(detail::text),
        'UTF8'))
$$;

-- Appends one row after the last (serialized per schema by a transaction-scoped advisory lock).
CREATE FUNCTION audit_trail_append(
    p_at timestamptz, p_actor_id uuid, p_actor_role text, p_action text, p_subject_kind text, p_subject_id text,
    p_detail jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    last_seq bigint;
    last_hash bytea;
    new_at timestamptz := date_trunc('milliseconds', p_at);
    new_detail jsonb := coalesce(p_detail, '{}'::jsonb);
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.audit_trail'));
    SELECT seq, hash INTO last_seq, last_hash FROM audit_trail ORDER BY seq DESC LIMIT 1;
    last_seq := coalesce(last_seq, 0) + 1;
    last_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    INSERT INTO audit_trail (seq, at, actor_id, actor_role, action, subject_kind, subject_id, detail, prev_hash, hash)
    VALUES (last_seq, new_at, p_actor_id, coalesce(p_actor_role, ''), p_action, p_subject_kind, p_subject_id, new_detail,
            last_hash,
            audit_trail_hash(last_hash, last_seq, new_at, p_actor_id, coalesce(p_actor_role, ''), p_action, p_subject_kind,
                             p_subject_id, new_detail));
    RETURN last_seq;
END
$$;

CREATE FUNCTION audit_trail_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_trail rows cannot be changed or removed';
END
$$;
CREATE TRIGGER audit_trail_immutable BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_immutable();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_immutable();
