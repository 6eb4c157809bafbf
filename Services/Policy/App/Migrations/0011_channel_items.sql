-- Content channels: 企业便利化 (manual 1.7: eight sections, each with 办事指南, 业务入口, 用户手册 and
-- 政策资讯 items) and 营商资讯 (1.8: 产业园区, 我的商机, 人才服务). Drafted by a unit's editor, published
-- by a reviewer of the same unit.
CREATE TABLE channel_items (
    item_id uuid PRIMARY KEY,
    channel text NOT NULL CHECK (channel IN ('facilitation', 'business')),
    section text NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    body text NOT NULL DEFAULT '',
    source text NOT NULL,
    url text,
    unit_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('reviewing', 'returned', 'published')),
    drafted_by uuid NOT NULL,
    reviewed_by uuid,
    return_reason text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    published_at timestamptz,
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX channel_items_published ON channel_items (channel, section, published_at DESC, item_id) WHERE status = 'published';
CREATE INDEX channel_items_unit ON channel_items (unit_id, status, updated_at DESC);
