-- 公告栏 (Shiyan account guide items 18-19): announcements published to an audience under the review
-- rule; notifications sends each published one to its audience.
CREATE TABLE announcements (
    announcement_id uuid PRIMARY KEY,
    title text NOT NULL,
    body text NOT NULL,
    audience text NOT NULL CHECK (audience IN ('all', 'enterprises', 'officials', 'region', 'unit')),
    audience_region text,
    audience_unit_id uuid,
    unit_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('reviewing', 'returned', 'published')),
    drafted_by uuid NOT NULL,
    reviewed_by uuid,
    return_reason text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    published_at timestamptz,
    CHECK ((audience = 'region') = (audience_region IS NOT NULL)),
    CHECK ((audience = 'unit') = (audience_unit_id IS NOT NULL)),
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX announcements_published ON announcements (published_at DESC, announcement_id) WHERE status = 'published';
CREATE INDEX announcements_unit ON announcements (unit_id, status, updated_at DESC);
