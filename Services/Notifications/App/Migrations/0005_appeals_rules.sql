-- The appeals events rules read (qinqing.appeals.v1; every item event carries `item` = the case
-- facts after the transition and `transition`), and the rules the issue ships for them:
-- new appeal -> its liaison official (SMS); dispatched -> the unit's admins (SMS); due soon ->
-- whoever holds the step, told by the item's status (reviewing: the liaison; dispatching: the
-- dispatchers; signing/in progress: the unit's admins; awaiting material/replied/returned: the
-- enterprise); overdue (urgent) -> the holder, the unit's admins and the inspectors; replied ->
-- the enterprise (SMS + in-site, asking for a rating within 5 working days); closed -> the enterprise.
INSERT INTO event_types (event_type, description, fields)
SELECT t.event_type, t.description,
       '{item.id,item.kind,item.serialNumber,item.title,item.enterpriseID,item.enterpriseName,item.region,item.category,item.status,item.unitID,item.unitName,item.liaisonOfficialID,item.step,item.dueAt,item.submittedAt,item.closedAt,transition.actorID,transition.actorRole,transition.actorUnitID,transition.fromStatus,transition.toStatus,transition.note,transition.at}'::text[]
       || t.extra
FROM (VALUES
    ('qinqing.appeals.appeal.submitted.v1', 'An enterprise submitted an appeal', '{}'::text[]),
    ('qinqing.appeals.appeal.dispatched.v1', 'An appeal was dispatched to a handling unit', '{previousUnitID,reason}'::text[]),
    ('qinqing.appeals.appeal.due-soon.v1', 'An appeal''s current step is due soon', '{}'::text[]),
    ('qinqing.appeals.appeal.overdue.v1', 'An appeal''s current step is overdue', '{}'::text[]),
    ('qinqing.appeals.appeal.replied.v1', 'The handling unit replied to an appeal', '{handlerName,content}'::text[]),
    ('qinqing.appeals.appeal.closed.v1', 'An appeal was closed', '{unrated}'::text[])
) AS t (event_type, description, extra);

INSERT INTO templates (code, category, title, body) VALUES
    ('appeal_submitted', 'appeal', '新诉求待审核',
     '平台有一条{enterpriseName}提交的新诉求请您审核（编号{serial}），请在1个工作日内登录平台“诉求管理—待审核诉求”完成审核。'),
    ('appeal_dispatched', 'appeal', '新企业诉求待签收',
     '平台有一条新企业诉求待签收（编号{serial}），请在1个工作日内登录平台“诉求管理—待处理诉求”完成签收。'),
    ('appeal_due_soon', 'appeal', '诉求即将超期',
     '诉求{serial}（{enterpriseName}）当前环节将于{dueAt}到期，请及时办理。'),
    ('appeal_due_soon_enterprise', 'appeal', '诉求待您办理',
     '您的诉求{serial}有待您办理的事项将于{dueAt}到期，请及时登录平台处理：{link}'),
    ('appeal_overdue', 'appeal', '诉求已超期',
     '诉求{serial}（{enterpriseName}）当前环节已于{dueAt}超期，请立即办理。'),
    ('appeal_replied', 'appeal', '诉求已答复',
     '您的诉求{serial}已由{unitName}答复，请在5个工作日内登录平台查看并评价：{link}'),
    ('appeal_closed', 'appeal', '诉求已办结',
     '您的诉求{serial}已办结，感谢您对平台工作的支持。');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent) VALUES
    ('appeal_submitted.liaison', 'qinqing.appeals.appeal.submitted.v1', 'enterprise_liaisons', 'item.enterpriseID',
     '{sms,inbox}', 'appeal_submitted', '{"enterpriseName": "item.enterpriseName", "serial": "item.serialNumber"}',
     NULL, NULL, false),
    ('appeal_dispatched.unit_admins', 'qinqing.appeals.appeal.dispatched.v1', 'unit_admins', 'item.unitID',
     '{sms,inbox}', 'appeal_dispatched', '{"serial": "item.serialNumber"}', NULL, NULL, false),
    ('appeal_due_soon.liaison', 'qinqing.appeals.appeal.due-soon.v1', 'enterprise_liaisons', 'item.enterpriseID',
     '{sms,inbox}', 'appeal_due_soon',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{submitted,reviewing}', false),
    ('appeal_due_soon.unit_admins', 'qinqing.appeals.appeal.due-soon.v1', 'unit_admins', 'item.unitID',
     '{sms,inbox}', 'appeal_due_soon',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{signing,inProgress}', false),
    ('appeal_due_soon.dispatchers', 'qinqing.appeals.appeal.due-soon.v1', 'dispatchers', NULL,
     '{sms,inbox}', 'appeal_due_soon',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{dispatching}', false),
    ('appeal_due_soon.enterprise', 'qinqing.appeals.appeal.due-soon.v1', 'enterprise', 'item.enterpriseID',
     '{sms,inbox}', 'appeal_due_soon_enterprise',
     '{"serial": "item.serialNumber", "dueAt": "item.dueAt", "link": "link:/appeals/{item.id}"}',
     'item.status', '{awaitingMaterial,replied,returnedToEnterprise}', false),
    ('appeal_overdue.liaison', 'qinqing.appeals.appeal.overdue.v1', 'enterprise_liaisons', 'item.enterpriseID',
     '{sms,inbox}', 'appeal_overdue',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{submitted,reviewing}', true),
    ('appeal_overdue.dispatchers', 'qinqing.appeals.appeal.overdue.v1', 'dispatchers', NULL,
     '{sms,inbox}', 'appeal_overdue',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     'item.status', '{dispatching}', true),
    ('appeal_overdue.unit_admins', 'qinqing.appeals.appeal.overdue.v1', 'unit_admins', 'item.unitID',
     '{sms,inbox}', 'appeal_overdue',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     NULL, NULL, true),
    ('appeal_overdue.inspectors', 'qinqing.appeals.appeal.overdue.v1', 'inspectors', NULL,
     '{sms,inbox}', 'appeal_overdue',
     '{"serial": "item.serialNumber", "enterpriseName": "item.enterpriseName", "dueAt": "item.dueAt"}',
     NULL, NULL, true),
    ('appeal_replied.enterprise', 'qinqing.appeals.appeal.replied.v1', 'enterprise', 'item.enterpriseID',
     '{sms,inbox}', 'appeal_replied',
     '{"serial": "item.serialNumber", "unitName": "item.unitName", "link": "link:/appeals/{item.id}"}',
     NULL, NULL, false),
    ('appeal_closed.enterprise', 'qinqing.appeals.appeal.closed.v1', 'enterprise', 'item.enterpriseID',
     '{sms,inbox}', 'appeal_closed', '{"serial": "item.serialNumber"}', NULL, NULL, false);

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates WHERE code LIKE 'appeal\_%';
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id LIKE 'appeal\_%';
