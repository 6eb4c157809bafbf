-- Files attached to appeals and complaints, type checked by content, with a SHA-256 checksum.
CREATE TABLE attachments (
    id             uuid        PRIMARY KEY,
    enterprise_id  uuid        NOT NULL,
    uploaded_by    uuid        NOT NULL,
    file_name      text        NOT NULL,
    content_type   text        NOT NULL,
    size           integer     NOT NULL,
    sha256         text        NOT NULL,
    data           bytea       NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX attachments_enterprise ON attachments (enterprise_id, created_at);
