-- Redemption statistics (issue 15): one row per 政策兑现 application, kept from the policy topic's
-- application, rating and follow-up events through the inbox. Every event carries the application's
-- facts and sets only its own columns, so events arriving late or out of order land the same; months
-- are Beijing months (yyyy-MM) of each fact's own time. No applicant is named.
CREATE TABLE stat_redemption (
    application_id        uuid PRIMARY KEY,
    item_id               uuid        NOT NULL,
    item_title            text        NOT NULL,
    project               text        NOT NULL,
    unit_id               uuid        NOT NULL,
    applicant_kind        text        NOT NULL,
    submitted_at          timestamptz NOT NULL,
    submitted_month       text        NOT NULL,
    returns               integer     NOT NULL DEFAULT 0,
    accepted_at           timestamptz,
    hours_to_accept       numeric(10, 1),
    due_at                timestamptz,
    overdue               boolean     NOT NULL DEFAULT false,
    concluded_at          timestamptz,
    concluded_month       text,
    decision              text,
    granted_amount        numeric(15, 2),
    on_time               boolean,
    rated_at              timestamptz,
    level                 text,
    follow_up_opened      boolean     NOT NULL DEFAULT false,
    follow_up_answered_at timestamptz,
    follow_up_on_time     boolean
);
CREATE INDEX stat_redemption_submitted ON stat_redemption (submitted_month, unit_id);
CREATE INDEX stat_redemption_concluded ON stat_redemption (concluded_month, unit_id);
