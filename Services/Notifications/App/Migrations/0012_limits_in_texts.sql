-- Texts state the real limit (issue 10, item 2): the appeals service publishes the submitted,
-- dispatched and replied events in a version 2 that carries the item's step limits in words
-- (`limits.sign.text`: 当日 / 1个工作日 / 5日 / 一个月), beside version 1. The templates that stated
-- Shiyan's limits take a placeholder instead ({reviewLimit}, {signLimit}, {rateLimit}), so one
-- template serves every scheme, and their rules move to the version-2 events, binding the placeholders.
INSERT INTO event_types (event_type, description, fields)
SELECT replace(e.event_type, '.v1', '.v2'), e.description || ', with the item''s step limits',
       e.fields || '{limits.scheme,limits.review.amount,limits.review.counting,limits.review.text,limits.dispatch.amount,limits.dispatch.counting,limits.dispatch.text,limits.sign.amount,limits.sign.counting,limits.sign.text,limits.reply.amount,limits.reply.counting,limits.reply.text,limits.rate.amount,limits.rate.counting,limits.rate.text}'::text[]
FROM event_types e
WHERE e.event_type IN ('qinqing.appeals.appeal.submitted.v1', 'qinqing.appeals.appeal.dispatched.v1',
                       'qinqing.appeals.appeal.replied.v1', 'qinqing.appeals.complaint.dispatched.v1',
                       'qinqing.appeals.complaint.replied.v1')
ON CONFLICT (event_type) DO NOTHING;

UPDATE templates SET body = replace(body, '1个工作日', '{reviewLimit}'), version = version + 1, updated_at = now()
WHERE code = 'appeal_submitted';
UPDATE templates SET body = replace(body, '1个工作日', '{signLimit}'), version = version + 1, updated_at = now()
WHERE code IN ('appeal_dispatched', 'complaint_dispatched');
UPDATE templates SET body = replace(body, '5个工作日', '{rateLimit}'), version = version + 1, updated_at = now()
WHERE code IN ('appeal_replied', 'complaint_replied');

UPDATE rules SET event_type = replace(event_type, '.v1', '.v2'),
       bindings = bindings || CASE
           WHEN template_code = 'appeal_submitted' THEN '{"reviewLimit": "limits.review.text"}'::jsonb
           WHEN template_code LIKE '%\_dispatched' THEN '{"signLimit": "limits.sign.text"}'::jsonb
           ELSE '{"rateLimit": "limits.rate.text"}'::jsonb
       END,
       version = version + 1, updated_at = now()
WHERE template_code IN ('appeal_submitted', 'appeal_dispatched', 'complaint_dispatched', 'appeal_replied', 'complaint_replied')
  AND event_type LIKE '%.v1';

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates
WHERE code IN ('appeal_submitted', 'appeal_dispatched', 'complaint_dispatched', 'appeal_replied', 'complaint_replied');
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules
WHERE template_code IN ('appeal_submitted', 'appeal_dispatched', 'complaint_dispatched', 'appeal_replied', 'complaint_replied');
