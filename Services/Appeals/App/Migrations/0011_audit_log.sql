-- Who changed the service's reference and administrative data (categories, calendar years, the
-- register), with the value before and after; written in the transaction of the change, never edited.
CREATE TABLE audit_log (
    seq           bigserial   PRIMARY KEY,
    actor_id      uuid        NOT NULL,
    actor_role    text        NOT NULL,
    action        text        NOT NULL,
    subject_kind  text        NOT NULL,
    subject_id    text        NOT NULL,
    before        jsonb,
    after         jsonb,
    at            timestamptz NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, action, seq DESC);

CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
