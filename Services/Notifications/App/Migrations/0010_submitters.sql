-- The member who submitted an item hears of it, not only the enterprise's admins (issue 10, item 4):
-- who submitted each appeal or complaint (the submitted event's actor), and the `submitter`
-- recipients reading it, keyed by the item's id.
CREATE TABLE item_submitters (
    item_id     uuid PRIMARY KEY,
    account_id  uuid NOT NULL
);

ALTER TABLE rules DROP CONSTRAINT rules_recipients_check;
ALTER TABLE rules ADD CONSTRAINT rules_recipients_check CHECK (recipients IN ('enterprise_liaisons', 'unit_admins',
    'inspectors', 'dispatchers', 'enterprise', 'enterprise_admins', 'enterprise_members', 'account', 'all_enterprises',
    'region_enterprises', 'submitter'));

-- The submitter gets the SMS the enterprise's admins get when the item comes back to the enterprise
-- (the in-site message already reaches the enterprise's box).
INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent)
SELECT replace(rule_id, '.enterprise', '.submitter'), event_type, 'submitter', 'item.id', '{sms}', template_code, bindings,
       condition_path, condition_values, urgent
FROM rules
WHERE rule_id ~ '^(appeal|complaint)_(replied|closed|due_soon)\.enterprise$';

INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id ~ '^(appeal|complaint)_(replied|closed|due_soon)\.submitter$';
