-- The status history of content published under "谁发布，谁审核" (channel items, announcements) and of
-- briefings: every transition, who made it and why (a return's reason).
CREATE TABLE content_review_history (
    seq bigserial PRIMARY KEY,
    subject_kind text NOT NULL CHECK (subject_kind IN ('channelItem', 'announcement', 'briefing')),
    subject_id uuid NOT NULL,
    from_status text,
    to_status text NOT NULL,
    actor_id uuid NOT NULL,
    reason text,
    at timestamptz NOT NULL
);
CREATE INDEX content_review_history_subject ON content_review_history (subject_kind, subject_id, seq);
