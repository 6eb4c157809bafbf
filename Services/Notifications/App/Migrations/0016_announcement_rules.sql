-- 公告栏 (Shiyan account guide items 18-19): a published announcement goes by SMS and in-site message to
-- its audience. Two new recipient groups: every active official (`all_officials`) and the active
-- officials of one unit (`unit_officials`, the unit id at the path). The audience picks the rules:
-- all -> enterprises and officials; enterprises; officials; region -> that region's enterprises;
-- unit -> that unit's officials.

-- The recipients check gains the two groups, keeping whatever groups earlier migrations allowed.
DO $$
DECLARE
    allowed text[];
BEGIN
    SELECT array_agg(DISTINCT m[1]) INTO allowed
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
    WHERE c.conname = 'rules_recipients_check' AND c.conrelid = 'rules'::regclass;
    allowed := array(SELECT DISTINCT unnest(coalesce(allowed, '{}') || '{all_officials,unit_officials}'::text[]) ORDER BY 1);
    ALTER TABLE rules DROP CONSTRAINT IF EXISTS rules_recipients_check;
    EXECUTE format('ALTER TABLE rules ADD CONSTRAINT rules_recipients_check CHECK (recipients = ANY (%L::text[]))', allowed);
END
$$;

INSERT INTO event_types (event_type, description, fields) VALUES
    ('qinqing.policy.announcement.published.v1', 'An announcement was published to its audience (公告栏)',
     '{announcement.id,announcement.title,announcement.audience.kind,announcement.audience.region,announcement.audience.unitID,announcement.unitID,publishedBy,publishedAt}')
ON CONFLICT (event_type) DO NOTHING;

INSERT INTO templates (code, category, title, body) VALUES
    ('announcement_published', 'announcement', '新公告',
     '平台发布了新公告《{title}》，请登录平台“公告栏”查看：{link}');

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates WHERE code = 'announcement_published';

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent)
SELECT r.rule_id, 'qinqing.policy.announcement.published.v1', r.recipients, r.recipient_path, '{sms,inbox}',
       'announcement_published', '{"title": "announcement.title", "link": "link:/announcements/{announcement.id}"}'::jsonb,
       'announcement.audience.kind', r.audiences, false
FROM (VALUES
    ('announcement_published.enterprises', 'all_enterprises', NULL, '{all,enterprises}'::text[]),
    ('announcement_published.officials', 'all_officials', NULL, '{all,officials}'::text[]),
    ('announcement_published.region', 'region_enterprises', 'announcement.audience.region', '{region}'::text[]),
    ('announcement_published.unit', 'unit_officials', 'announcement.audience.unitID', '{unit}'::text[])
) AS r (rule_id, recipients, recipient_path, audiences);

INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id LIKE 'announcement_published.%';
