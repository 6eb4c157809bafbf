-- 信息公示 (issue 13; operating rules art. 6(5)): the implementing unit publishes the approved
-- applications of an item as a notice, open until its deadline (公示截止, a Beijing date). Entries
-- carry enterprise names and amounts only; an individual applicant is never named.
CREATE TABLE redemption_notices (
    notice_id    uuid        PRIMARY KEY,
    item_id      uuid        NOT NULL REFERENCES redemption_items (item_id),
    unit_id      uuid        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    deadline     date        NOT NULL,
    published_by uuid        NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX redemption_notices_published ON redemption_notices (published_at DESC, notice_id);
CREATE INDEX redemption_notices_item ON redemption_notices (item_id);

CREATE TABLE redemption_notice_entries (
    notice_id      uuid          NOT NULL REFERENCES redemption_notices (notice_id),
    application_id uuid          NOT NULL UNIQUE REFERENCES redemption_applications (application_id),
    seq            integer       NOT NULL,
    -- The enterprise's name, or NULL for an individual (shown as 个人申报人, never named).
    enterprise_name text,
    amount         numeric(15, 2) NOT NULL,
    PRIMARY KEY (notice_id, seq)
);
