-- Complaints (营商环境投诉) move through the same steps as appeals, on the same topic, with the
-- same facts: their rules are the appeal rules with the complaint event types and wording.
INSERT INTO event_types (event_type, description, fields)
SELECT replace(event_type, '.appeal.', '.complaint.'), replace(description, 'appeal', 'complaint'), fields
FROM event_types WHERE event_type LIKE 'qinqing.appeals.appeal.%';

INSERT INTO templates (code, category, title, body)
SELECT replace(code, 'appeal_', 'complaint_'), 'complaint', replace(title, '诉求', '投诉'), replace(body, '诉求', '投诉')
FROM templates WHERE code LIKE 'appeal\_%';

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent)
SELECT replace(rule_id, 'appeal_', 'complaint_'), replace(event_type, '.appeal.', '.complaint.'), recipients,
       recipient_path, channels, replace(template_code, 'appeal_', 'complaint_'),
       replace(bindings::text, '/appeals/', '/complaints/')::jsonb, condition_path, condition_values, urgent
FROM rules WHERE rule_id LIKE 'appeal\_%';

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates WHERE code LIKE 'complaint\_%';
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id LIKE 'complaint\_%';
