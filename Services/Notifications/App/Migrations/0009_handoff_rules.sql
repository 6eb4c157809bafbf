-- Nobody is left out at a hand-off (issue 10, items 3 and 4):
-- * complaints have no liaison review: the rule telling the liaison 新投诉请您审核 is switched off,
--   and a new appeal tells its liaison only when it waits for review;
-- * the dispatchers are told when an item reaches dispatching: a new complaint, a new appeal of an
--   enterprise without a liaison, an appeal passed on by its liaison, an item resubmitted straight
--   to dispatching;
-- * a rating that reopens an item tells the lead unit's admins;
-- * the liaison learns the result of an item of its enterprise by SMS (account guide item 14:
--   办结结果会通过短信方式通知包联干部).
INSERT INTO event_types (event_type, description, fields)
SELECT t.event_type, t.description,
       '{item.id,item.kind,item.serialNumber,item.title,item.enterpriseID,item.enterpriseName,item.region,item.category,item.status,item.unitID,item.unitName,item.liaisonOfficialID,item.step,item.dueAt,item.submittedAt,item.closedAt,transition.actorID,transition.actorRole,transition.actorUnitID,transition.fromStatus,transition.toStatus,transition.note,transition.at}'::text[]
       || t.extra
FROM (VALUES
    ('qinqing.appeals.appeal.reviewed.v1', 'The liaison official reviewed an appeal and passed it on', '{textCorrected}'::text[]),
    ('qinqing.appeals.appeal.resubmitted.v1', 'The enterprise resubmitted an appeal returned to it', '{}'::text[]),
    ('qinqing.appeals.appeal.reopened.v1', 'A rating reopened an appeal with its lead unit', '{}'::text[]),
    ('qinqing.appeals.complaint.resubmitted.v1', 'The enterprise resubmitted a complaint returned to it', '{}'::text[]),
    ('qinqing.appeals.complaint.reopened.v1', 'A rating reopened a complaint with its lead unit', '{}'::text[])
) AS t (event_type, description, extra)
ON CONFLICT (event_type) DO NOTHING;

INSERT INTO templates (code, category, title, body) VALUES
    ('appeal_to_dispatch', 'appeal', '新诉求待分办',
     '平台有一条{enterpriseName}提交的诉求待分办（编号{serial}），请登录平台“诉求管理—待分办诉求”分办至承办单位。'),
    ('complaint_to_dispatch', 'complaint', '新投诉待分办',
     '平台有一条{enterpriseName}提交的投诉待分办（编号{serial}），请登录平台“投诉管理—待分办投诉”分办至承办单位。'),
    ('appeal_reopened', 'appeal', '诉求退回重办',
     '诉求{serial}（{enterpriseName}）的办理结果企业评价为未解决、不满意，已退回贵单位重新办理，请登录平台“诉求管理—待处理诉求”继续办理。'),
    ('complaint_reopened', 'complaint', '投诉退回重办',
     '投诉{serial}（{enterpriseName}）的办理结果企业评价为未解决、不满意，已退回贵单位重新办理，请登录平台“投诉管理—待处理投诉”继续办理。'),
    ('appeal_closed_liaison', 'appeal', '包联企业诉求已办结',
     '您包联的{enterpriseName}的诉求{serial}已办结，办结结果请登录平台查看。'),
    ('complaint_closed_liaison', 'complaint', '包联企业投诉已办结',
     '您包联的{enterpriseName}的投诉{serial}已办结，办结结果请登录平台查看。');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent)
SELECT r.rule_id, 'qinqing.appeals.' || r.kind || '.' || r.verb || '.v1', r.recipients, r.recipient_path, '{sms,inbox}',
       r.kind || r.template, '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName"}'::jsonb,
       r.condition_path, r.condition_values, false
FROM (VALUES
    ('appeal_submitted.dispatchers', 'appeal', 'submitted', 'dispatchers', NULL, '_to_dispatch', 'item.status', '{dispatching}'::text[]),
    ('appeal_reviewed.dispatchers', 'appeal', 'reviewed', 'dispatchers', NULL, '_to_dispatch', 'item.status', '{dispatching}'::text[]),
    ('appeal_resubmitted.dispatchers', 'appeal', 'resubmitted', 'dispatchers', NULL, '_to_dispatch', 'item.status', '{dispatching}'::text[]),
    ('complaint_submitted.dispatchers', 'complaint', 'submitted', 'dispatchers', NULL, '_to_dispatch', 'item.status', '{dispatching}'::text[]),
    ('complaint_resubmitted.dispatchers', 'complaint', 'resubmitted', 'dispatchers', NULL, '_to_dispatch', 'item.status', '{dispatching}'::text[]),
    ('appeal_reopened.unit_admins', 'appeal', 'reopened', 'unit_admins', 'item.unitID', '_reopened', NULL, NULL),
    ('complaint_reopened.unit_admins', 'complaint', 'reopened', 'unit_admins', 'item.unitID', '_reopened', NULL, NULL),
    ('appeal_closed.liaison', 'appeal', 'closed', 'enterprise_liaisons', 'item.enterpriseID', '_closed_liaison', NULL, NULL),
    ('complaint_closed.liaison', 'complaint', 'closed', 'enterprise_liaisons', 'item.enterpriseID', '_closed_liaison', NULL, NULL)
) AS r (rule_id, kind, verb, recipients, recipient_path, template, condition_path, condition_values);

-- Changed rules: a new version each, with its history row.
UPDATE rules SET enabled = false, version = version + 1, updated_at = now() WHERE rule_id = 'complaint_submitted.liaison';
UPDATE rules SET condition_path = 'item.status', condition_values = '{reviewing}', version = version + 1, updated_at = now()
WHERE rule_id = 'appeal_submitted.liaison';

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates
WHERE code ~ '^(appeal|complaint)_(to_dispatch|reopened|closed_liaison)$';
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules
WHERE rule_id ~ '^(appeal|complaint)_(submitted|reviewed|resubmitted)\.dispatchers$'
   OR rule_id ~ '^(appeal|complaint)_(reopened\.unit_admins|closed\.liaison)$'
   OR rule_id IN ('complaint_submitted.liaison', 'appeal_submitted.liaison');
