-- 政策兑现 (issue 13): redemption items (兑现事项) of a project (项目), drafted by an implementing unit's
-- policy editor for a published policy and published or returned by a reviewer of the same unit
-- ("谁发布，谁审核", the content review rule). The amount is a figure (元, NUMERIC) or a text such as
-- 按实际核定; the application window is two Beijing dates, both included; the materials list is
-- [{name, required, fileTypes}].
CREATE TABLE redemption_items (
    item_id uuid PRIMARY KEY,
    policy_id uuid NOT NULL REFERENCES policies (policy_id),
    project text NOT NULL,
    title text NOT NULL,
    region text NOT NULL,
    policy_types text[] NOT NULL,
    support_kind text NOT NULL,
    amount_figure numeric(15, 2),
    amount_text text,
    processing_days integer NOT NULL CHECK (processing_days BETWEEN 1 AND 365),
    applicant_kind text NOT NULL CHECK (applicant_kind IN ('enterprise', 'individual')),
    on_site_visits integer NOT NULL CHECK (on_site_visits BETWEEN 0 AND 10),
    phone text NOT NULL,
    window_from date NOT NULL,
    window_to date NOT NULL,
    description text NOT NULL,
    guide text NOT NULL,
    materials jsonb NOT NULL,
    unit_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('reviewing', 'returned', 'published')),
    drafted_by uuid NOT NULL,
    reviewed_by uuid,
    return_reason text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    published_at timestamptz,
    CHECK ((amount_figure IS NULL) <> (amount_text IS NULL)),
    CHECK (window_from <= window_to),
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX redemption_items_published ON redemption_items (published_at DESC, item_id) WHERE status = 'published';
CREATE INDEX redemption_items_window ON redemption_items (window_to, window_from) WHERE status = 'published';
CREATE INDEX redemption_items_policy ON redemption_items (policy_id) WHERE status = 'published';
CREATE INDEX redemption_items_unit ON redemption_items (unit_id, status, updated_at DESC);

ALTER TABLE content_review_history DROP CONSTRAINT content_review_history_subject_kind_check;
ALTER TABLE content_review_history ADD CONSTRAINT content_review_history_subject_kind_check
    CHECK (subject_kind IN ('channelItem', 'announcement', 'briefing', 'interpretation', 'redemptionItem'));
