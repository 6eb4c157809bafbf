-- 简报投稿 (Shiyan account guide item 17): liaison officials and enterprises submit news items; an
-- editor publishes them or returns them with a reason.
CREATE TABLE briefings (
    briefing_id uuid PRIMARY KEY,
    title text NOT NULL,
    body text NOT NULL,
    submitter_kind text NOT NULL CHECK (submitter_kind IN ('official', 'enterprise')),
    submitted_by uuid NOT NULL,
    unit_id uuid,
    enterprise_id uuid,
    status text NOT NULL CHECK (status IN ('submitted', 'returned', 'published')),
    reviewed_by uuid,
    return_reason text,
    submitted_at timestamptz NOT NULL,
    published_at timestamptz,
    CHECK ((submitter_kind = 'official') = (unit_id IS NOT NULL)),
    CHECK ((submitter_kind = 'enterprise') = (enterprise_id IS NOT NULL))
);
CREATE INDEX briefings_published ON briefings (published_at DESC, briefing_id) WHERE status = 'published';
CREATE INDEX briefings_status ON briefings (status, submitted_at);
CREATE INDEX briefings_submitter ON briefings (submitted_by, submitted_at DESC);
