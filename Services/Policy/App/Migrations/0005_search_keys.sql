-- One GIN-indexed key set per policy for the list: the title's characters and character pairs
-- (the keyword index) plus one key per filter value (r:<region>, a:<agency>, t:<policy type>,
-- s:<subsidy type>, g:<tag>). A list's keyword and filters become one `search_keys @> …`, answered
-- by intersecting posting lists, however broad each filter alone is. Keys with ':' are longer than
-- two characters, so they never meet a title gram.
ALTER TABLE policies ADD COLUMN search_keys text[] NOT NULL DEFAULT '{}';
UPDATE policies SET search_keys = title_grams
    || ARRAY['r:' || region, 'a:' || agency_id::text, 't:' || policy_type]
    || CASE WHEN subsidy_type IS NULL THEN '{}'::text[] ELSE ARRAY['s:' || subsidy_type] END
    || ARRAY(SELECT 'g:' || tag FROM unnest(tags) AS tag);
DROP INDEX policies_title_grams;
ALTER TABLE policies DROP COLUMN title_grams;
CREATE INDEX policies_search ON policies USING gin (search_keys) WHERE status = 'published';
