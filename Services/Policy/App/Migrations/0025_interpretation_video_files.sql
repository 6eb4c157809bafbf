-- A video interpretation (issue 12) shows either an https link or an MP4 file of its unit
-- (`POST /policy-attachments`, up to 50 MB), never both; the file is public once the interpretation is.
ALTER TABLE interpretations ADD COLUMN video_id uuid REFERENCES policy_attachments (id);

DO $$
DECLARE
    old_check text;
BEGIN
    SELECT conname INTO STRICT old_check FROM pg_constraint
    WHERE conrelid = 'interpretations'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%video_url%';
    EXECUTE format('ALTER TABLE interpretations DROP CONSTRAINT %I', old_check);
END $$;

ALTER TABLE interpretations ADD CONSTRAINT interpretations_video_check
    CHECK ((form = 'video') = ((video_url IS NOT NULL) <> (video_id IS NOT NULL)) AND (video_url IS NULL OR video_id IS NULL));
CREATE INDEX interpretations_video ON interpretations (video_id) WHERE status = 'published';
