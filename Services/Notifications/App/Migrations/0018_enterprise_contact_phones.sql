-- Enterprise SMS go to the enterprise's own phone (issue 10, item 5; account guide item 3:
-- 手机号码是企业接收平台提示短信的方式). Identity publishes each enterprise profile's contact phone on
-- the restricted contacts topic; it is kept here sealed, like the accounts' phones.
CREATE TABLE enterprise_contacts (
    enterprise_id uuid PRIMARY KEY,
    phone_key_id text,
    phone_sealed bytea,
    changed_at timestamptz NOT NULL,
    CHECK ((phone_key_id IS NULL) = (phone_sealed IS NULL))
);

-- An SMS goes to an account or to an enterprise's contact phone (never both). `phone_hash` (the
-- cipher's lookup hash of the number an SMS went to) lets one event's text reach one number once,
-- whoever it was addressed to.
ALTER TABLE sms_messages ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE sms_messages ADD COLUMN enterprise_id uuid;
ALTER TABLE sms_messages ADD COLUMN phone_hash bytea;
ALTER TABLE sms_messages ADD CONSTRAINT sms_messages_one_recipient CHECK ((account_id IS NULL) <> (enterprise_id IS NULL));
ALTER TABLE sms_messages ADD CONSTRAINT sms_messages_event_enterprise UNIQUE (event_id, enterprise_id);
CREATE INDEX sms_messages_recent_enterprise ON sms_messages (enterprise_id, created_at) WHERE enterprise_id IS NOT NULL;
CREATE INDEX sms_messages_event_phone ON sms_messages (event_id, phone_hash) WHERE phone_hash IS NOT NULL;
ALTER TABLE local_sms ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE local_sms ADD COLUMN enterprise_id uuid;

-- New recipient groups, SMS only: the contact phone of the enterprise whose id is at the path
-- (`enterprise_contact`), of every approved enterprise, of the approved enterprises of the region at the path.
-- The check keeps whatever groups it allows, written as a list ('a', 'b') or as an array ('{a,b}').
DO $$
DECLARE
    definition text;
    allowed text[];
BEGIN
    SELECT pg_get_constraintdef(c.oid) INTO definition
    FROM pg_constraint c WHERE c.conname = 'rules_recipients_check' AND c.conrelid = 'rules'::regclass;
    IF definition LIKE '%''{%' THEN
        allowed := string_to_array(substring(definition FROM '''\{([a-z_,]*)\}'''), ',');
    ELSE
        SELECT array_agg(m[1]) INTO allowed FROM regexp_matches(coalesce(definition, ''), '''([a-z_]+)''', 'g') AS m;
    END IF;
    allowed := array(SELECT DISTINCT unnest(coalesce(allowed, '{}') || '{enterprise_contact,all_enterprise_contacts,region_enterprise_contacts}'::text[]) ORDER BY 1);
    ALTER TABLE rules DROP CONSTRAINT IF EXISTS rules_recipients_check;
    EXECUTE format('ALTER TABLE rules ADD CONSTRAINT rules_recipients_check CHECK (recipients = ANY (%L::text[]))', allowed);
END
$$;

-- Every rule that texts an enterprise's admins or members (an item's reminders, reply and closure,
-- an expiring membership, filing reminders, subscription matches, announcements) texts its contact
-- phone too, with the same template, bindings and condition. (The member who submitted an item already has its
-- `.submitter` rules since migration 0010; one number gets one SMS per event and text.)
INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent, enabled)
SELECT CASE WHEN recipients IN ('all_enterprises', 'region_enterprises') THEN rule_id || '_contacts'
            ELSE regexp_replace(rule_id, '\.[a-z_]+$', '') || '.enterprise_contact' END,
       event_type,
       CASE recipients WHEN 'all_enterprises' THEN 'all_enterprise_contacts'
                       WHEN 'region_enterprises' THEN 'region_enterprise_contacts' ELSE 'enterprise_contact' END,
       recipient_path, '{sms}', template_code, bindings, condition_path, condition_values, urgent, enabled
FROM rules
WHERE recipients IN ('enterprise', 'enterprise_admins', 'enterprise_members', 'all_enterprises', 'region_enterprises')
  AND 'sms' = ANY (channels)
ON CONFLICT (rule_id) DO NOTHING;

INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE recipients IN ('enterprise_contact', 'all_enterprise_contacts', 'region_enterprise_contacts')
ON CONFLICT DO NOTHING;
