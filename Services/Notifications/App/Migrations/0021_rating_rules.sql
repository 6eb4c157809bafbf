-- 好差评 of 政策兑现 applications (国办发〔2019〕51号): the policy service's rating events and the rules
-- shipped for them. A rating itself tells no one (it feeds the statistics); a 不满意 or 非常不满意 opens a
-- follow-up (回访整改) -> the implementing unit's admins (SMS + in-site), to answer within 5 working days;
-- the unit's answer -> the applicant (in-site). A rating's comment never leaves the policy service: the
-- events say only whether there is one (hasComment).
INSERT INTO event_types (event_type, description, fields)
SELECT t.event_type, t.description,
       '{application.id,application.itemID,application.itemTitle,application.project,application.unitID,application.applicantKind,application.enterpriseID,application.applicantID,application.round,application.submittedAt}'::text[]
       || t.extra
FROM (VALUES
    ('qinqing.policy.redemption-application.rated.v1', 'The applicant rated a concluded application (好差评)',
     '{level,hasComment,ratedAt}'::text[]),
    ('qinqing.policy.redemption-application.follow-up.opened.v1', 'A dissatisfied rating opened a follow-up (回访整改) the unit must answer',
     '{level,dueAt,openedAt}'::text[]),
    ('qinqing.policy.redemption-application.follow-up.answered.v1', 'The implementing unit answered a follow-up',
     '{answeredBy,answeredAt,dueAt,onTime}'::text[])
) AS t (event_type, description, extra)
ON CONFLICT (event_type) DO NOTHING;

-- The level is a code in the payload, so each of the two levels has its text, chosen by `level`.
INSERT INTO templates (code, category, title, body) VALUES
    ('redemption_follow_up_dissatisfied', 'redemption', '政策兑现差评待回访整改',
     '企业对政策兑现申报《{itemTitle}》（{project}）的办理评价为“不满意”，请在5个工作日内回访整改并答复：{link}'),
    ('redemption_follow_up_very_dissatisfied', 'redemption', '政策兑现差评待回访整改',
     '企业对政策兑现申报《{itemTitle}》（{project}）的办理评价为“非常不满意”，请在5个工作日内回访整改并答复：{link}'),
    ('redemption_follow_up_answered', 'redemption', '差评整改已答复',
     '您对《{itemTitle}》办理情况的评价已由实施部门回访整改并答复，详情请登录平台查看：{link}');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent) VALUES
    ('redemption_follow_up_dissatisfied.unit_admins', 'qinqing.policy.redemption-application.follow-up.opened.v1',
     'unit_admins', 'application.unitID', '{sms,inbox}', 'redemption_follow_up_dissatisfied',
     '{"itemTitle": "application.itemTitle", "project": "application.project", "link": "link:/redemption-applications/{application.id}"}',
     'level', '{dissatisfied}', false),
    ('redemption_follow_up_very_dissatisfied.unit_admins', 'qinqing.policy.redemption-application.follow-up.opened.v1',
     'unit_admins', 'application.unitID', '{sms,inbox}', 'redemption_follow_up_very_dissatisfied',
     '{"itemTitle": "application.itemTitle", "project": "application.project", "link": "link:/redemption-applications/{application.id}"}',
     'level', '{veryDissatisfied}', false),
    ('redemption_follow_up_answered.applicant', 'qinqing.policy.redemption-application.follow-up.answered.v1',
     'account', 'application.applicantID', '{inbox}', 'redemption_follow_up_answered',
     '{"itemTitle": "application.itemTitle", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, false);

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates WHERE code LIKE 'redemption\_follow\_up\_%'
ON CONFLICT DO NOTHING;
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id LIKE 'redemption\_follow\_up\_%'
ON CONFLICT DO NOTHING;
