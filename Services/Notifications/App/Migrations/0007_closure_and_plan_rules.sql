-- 13710's closure approval and major-matter plans (appeals events added with them): an item waiting
-- for closure approval -> the dispatchers (in-site; due soon and overdue too, as its holders); a
-- closure returned -> the lead unit's admins (SMS + in-site, with the reason); a plan filed -> the
-- enterprise (in-site, with the date). Complaints get the same rules in their own words.
INSERT INTO event_types (event_type, description, fields)
SELECT t.event_type, t.description,
       '{item.id,item.kind,item.serialNumber,item.title,item.enterpriseID,item.enterpriseName,item.region,item.category,item.status,item.unitID,item.unitName,item.liaisonOfficialID,item.step,item.dueAt,item.submittedAt,item.closedAt,transition.actorID,transition.actorRole,transition.actorUnitID,transition.fromStatus,transition.toStatus,transition.note,transition.at}'::text[]
       || t.extra
FROM (VALUES
    ('qinqing.appeals.appeal.closure-requested.v1', 'An appeal waits for closure approval', '{unrated}'::text[]),
    ('qinqing.appeals.appeal.closure-returned.v1', 'An appeal''s closure was not approved', '{reason}'::text[]),
    ('qinqing.appeals.appeal.marked-major.v1', 'An appeal was marked a major matter', '{reason}'::text[]),
    ('qinqing.appeals.appeal.plan-filed.v1', 'A plan was filed for a major appeal', '{planVersion,resolveBy,milestones}'::text[])
) AS t (event_type, description, extra);

INSERT INTO templates (code, category, title, body) VALUES
    ('appeal_closure_requested', 'appeal', '诉求待审核销号',
     '诉求{serial}（{enterpriseName}）已办理完毕，请登录平台“诉求管理—待审核销号”审核销号。'),
    ('appeal_closure_returned', 'appeal', '诉求销号未通过',
     '诉求{serial}的销号未通过审核：{reason}。请继续办理后重新答复。'),
    ('appeal_plan_filed', 'appeal', '诉求列为重大复杂事项',
     '您的诉求{serial}已列为重大复杂事项，{unitName}计划于{resolveBy}前办结，办理进展请登录平台查看：{link}');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent) VALUES
    ('appeal_closure_requested.dispatchers', 'qinqing.appeals.appeal.closure-requested.v1', 'dispatchers', NULL,
     '{inbox}', 'appeal_closure_requested', '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName"}',
     NULL, NULL, false),
    ('appeal_closure_returned.unit_admins', 'qinqing.appeals.appeal.closure-returned.v1', 'unit_admins', 'item.unitID',
     '{sms,inbox}', 'appeal_closure_returned', '{"serial": "item.serialNumber", "reason": "reason"}', NULL, NULL, false),
    ('appeal_plan_filed.enterprise', 'qinqing.appeals.appeal.plan-filed.v1', 'enterprise', 'item.enterpriseID',
     '{inbox}', 'appeal_plan_filed',
     '{"serial": "item.serialNumber", "unitName": "item.unitName", "resolveBy": "resolveBy", "link": "link:/appeals/{item.id}"}',
     NULL, NULL, false),
    ('appeal_due_soon.dispatchers_closure', 'qinqing.appeals.appeal.due-soon.v1', 'dispatchers', NULL,
     '{inbox}', 'appeal_due_soon',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{awaitingClosure}', false),
    ('appeal_overdue.dispatchers_closure', 'qinqing.appeals.appeal.overdue.v1', 'dispatchers', NULL,
     '{sms,inbox}', 'appeal_overdue',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{awaitingClosure}', true);

-- The complaint twins of the rows above.
INSERT INTO event_types (event_type, description, fields)
SELECT replace(event_type, '.appeal.', '.complaint.'), replace(description, 'appeal', 'complaint'), fields
FROM event_types
WHERE event_type IN ('qinqing.appeals.appeal.closure-requested.v1', 'qinqing.appeals.appeal.closure-returned.v1',
                     'qinqing.appeals.appeal.marked-major.v1', 'qinqing.appeals.appeal.plan-filed.v1');

INSERT INTO templates (code, category, title, body)
SELECT replace(code, 'appeal_', 'complaint_'), 'complaint', replace(title, '诉求', '投诉'), replace(body, '诉求', '投诉')
FROM templates WHERE code IN ('appeal_closure_requested', 'appeal_closure_returned', 'appeal_plan_filed');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent)
SELECT replace(rule_id, 'appeal_', 'complaint_'), replace(event_type, '.appeal.', '.complaint.'), recipients,
       recipient_path, channels, replace(template_code, 'appeal_', 'complaint_'),
       replace(bindings::text, '/appeals/', '/complaints/')::jsonb, condition_path, condition_values, urgent
FROM rules
WHERE rule_id IN ('appeal_closure_requested.dispatchers', 'appeal_closure_returned.unit_admins', 'appeal_plan_filed.enterprise',
                  'appeal_due_soon.dispatchers_closure', 'appeal_overdue.dispatchers_closure');

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates
WHERE code ~ '^(appeal|complaint)_(closure_requested|closure_returned|plan_filed)$';
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules
WHERE rule_id ~ '^(appeal|complaint)_(closure_requested\.dispatchers|closure_returned\.unit_admins|plan_filed\.enterprise|due_soon\.dispatchers_closure|overdue\.dispatchers_closure)$';
