-- 政策解读 (issue 12): text, 一图看懂 (an image file with alt text) or video (an https link)
-- interpretations of published policies, drafted by a unit's editor and published or returned by a
-- reviewer of the same unit. `search_keys` are the title's characters and character pairs (the
-- policy list's keyword technique, `TitleGrams`).
CREATE TABLE interpretations (
    interpretation_id uuid PRIMARY KEY,
    policy_id uuid NOT NULL REFERENCES policies (policy_id),
    form text NOT NULL CHECK (form IN ('text', 'image', 'video')),
    title text NOT NULL,
    body text NOT NULL DEFAULT '',
    image_id uuid REFERENCES policy_attachments (id),
    alt_text text,
    video_url text,
    search_keys text[] NOT NULL,
    unit_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('reviewing', 'returned', 'published')),
    drafted_by uuid NOT NULL,
    reviewed_by uuid,
    return_reason text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    published_at timestamptz,
    CHECK ((form = 'image') = (image_id IS NOT NULL AND alt_text IS NOT NULL)),
    CHECK ((form = 'video') = (video_url IS NOT NULL)),
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX interpretations_search ON interpretations USING gin (search_keys) WHERE status = 'published';
CREATE INDEX interpretations_published ON interpretations (published_at DESC, interpretation_id) WHERE status = 'published';
CREATE INDEX interpretations_policy ON interpretations (policy_id, published_at DESC) WHERE status = 'published';
CREATE INDEX interpretations_unit ON interpretations (unit_id, status, updated_at DESC);
CREATE INDEX interpretations_image ON interpretations (image_id) WHERE status = 'published';

ALTER TABLE content_review_history DROP CONSTRAINT content_review_history_subject_kind_check;
ALTER TABLE content_review_history ADD CONSTRAINT content_review_history_subject_kind_check
    CHECK (subject_kind IN ('channelItem', 'announcement', 'briefing', 'interpretation'));
