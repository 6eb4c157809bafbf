-- 政策兑现 applications (申报; issue 13): the policy service's application events and the rules shipped
-- for them. A new or resubmitted application -> the implementing unit's officials (in-site, to receive
-- it); accepted -> the applicant (in-site, with the processing limit); returned -> the applicant (SMS +
-- in-site, with the reason); due soon -> the unit's officials (in-site); overdue (urgent) -> the unit's
-- admins (SMS + in-site); concluded -> the applicant (SMS + in-site) and an enterprise's contact phone
-- (SMS), with the amount granted or the reason (operating rules art. 6(4): 办结后以短信告知企业).
INSERT INTO event_types (event_type, description, fields)
SELECT t.event_type, t.description,
       '{application.id,application.itemID,application.itemTitle,application.project,application.unitID,application.applicantKind,application.enterpriseID,application.applicantID,application.round,application.submittedAt}'::text[]
       || t.extra
FROM (VALUES
    ('qinqing.policy.redemption-application.submitted.v1', 'An application (申报) for a redemption item was submitted',
     '{transition.from,transition.to,transition.by,transition.at,transition.note}'::text[]),
    ('qinqing.policy.redemption-application.resubmitted.v1', 'A returned application was corrected and submitted again',
     '{transition.from,transition.to,transition.by,transition.at,transition.note}'::text[]),
    ('qinqing.policy.redemption-application.accepted.v1', 'The implementing unit accepted an application (受理)',
     '{transition.from,transition.to,transition.by,transition.at,transition.note,processingDays,dueAt}'::text[]),
    ('qinqing.policy.redemption-application.returned.v1', 'The implementing unit returned an application for correction',
     '{transition.from,transition.to,transition.by,transition.at,transition.note,reason}'::text[]),
    ('qinqing.policy.redemption-application.due-soon.v1', 'An application''s processing reaches its last working day',
     '{dueAt,markedAt}'::text[]),
    ('qinqing.policy.redemption-application.overdue.v1', 'An application''s processing passed its limit',
     '{dueAt,markedAt}'::text[]),
    ('qinqing.policy.redemption-application.concluded.v1', 'An application was concluded (办结): approved or rejected',
     '{transition.from,transition.to,transition.by,transition.at,transition.note,decision,grantedAmount,reason,dueAt,onTime}'::text[])
) AS t (event_type, description, extra)
ON CONFLICT (event_type) DO NOTHING;

INSERT INTO templates (code, category, title, body) VALUES
    ('redemption_application_submitted', 'redemption', '新的政策兑现申报',
     '新的政策兑现申报《{itemTitle}》（{project}）待收件审核：{link}'),
    ('redemption_application_resubmitted', 'redemption', '政策兑现申报重新提交',
     '退回修改的政策兑现申报《{itemTitle}》（{project}）已重新提交（第{round}次提交），待收件审核：{link}'),
    ('redemption_application_accepted', 'redemption', '申报已受理',
     '您申报的《{itemTitle}》已受理，将在{processingDays}个工作日内办结，办理进度请登录平台查看：{link}'),
    ('redemption_application_returned', 'redemption', '申报被退回',
     '您申报的《{itemTitle}》被退回，原因：{reason}。请修改后重新提交：{link}'),
    ('redemption_application_approved', 'redemption', '申报已办结',
     '您申报的《{itemTitle}》已办结，审核通过，兑现金额{grantedAmount}元。详情请登录平台查看：{link}'),
    ('redemption_application_rejected', 'redemption', '申报已办结',
     '您申报的《{itemTitle}》已办结，审核未通过，原因：{reason}。详情请登录平台查看：{link}'),
    ('redemption_application_due_soon', 'redemption', '申报即将超期',
     '政策兑现申报《{itemTitle}》（{project}）将于{dueAt}办理期满，请及时办结：{link}'),
    ('redemption_application_overdue', 'redemption', '申报已超期',
     '政策兑现申报《{itemTitle}》（{project}）已于{dueAt}超过办理时限，请立即办结：{link}');

-- One rule has one condition, so the result's two texts are chosen by `decision`; the contact-phone
-- rules need no condition on application.applicantKind: an individual's application carries no
-- enterpriseID, so they find no one.
INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent) VALUES
    ('redemption_application_submitted.unit_officials', 'qinqing.policy.redemption-application.submitted.v1',
     'unit_officials', 'application.unitID', '{inbox}', 'redemption_application_submitted',
     '{"itemTitle": "application.itemTitle", "project": "application.project", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, false),
    ('redemption_application_resubmitted.unit_officials', 'qinqing.policy.redemption-application.resubmitted.v1',
     'unit_officials', 'application.unitID', '{inbox}', 'redemption_application_resubmitted',
     '{"itemTitle": "application.itemTitle", "project": "application.project", "round": "application.round", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, false),
    ('redemption_application_accepted.applicant', 'qinqing.policy.redemption-application.accepted.v1',
     'account', 'application.applicantID', '{inbox}', 'redemption_application_accepted',
     '{"itemTitle": "application.itemTitle", "processingDays": "processingDays", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, false),
    ('redemption_application_returned.applicant', 'qinqing.policy.redemption-application.returned.v1',
     'account', 'application.applicantID', '{sms,inbox}', 'redemption_application_returned',
     '{"itemTitle": "application.itemTitle", "reason": "reason", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, false),
    ('redemption_application_approved.applicant', 'qinqing.policy.redemption-application.concluded.v1',
     'account', 'application.applicantID', '{sms,inbox}', 'redemption_application_approved',
     '{"itemTitle": "application.itemTitle", "grantedAmount": "grantedAmount", "link": "link:/redemption-applications/{application.id}"}',
     'decision', '{approved}', false),
    ('redemption_application_approved.enterprise_contact', 'qinqing.policy.redemption-application.concluded.v1',
     'enterprise_contact', 'application.enterpriseID', '{sms}', 'redemption_application_approved',
     '{"itemTitle": "application.itemTitle", "grantedAmount": "grantedAmount", "link": "link:/redemption-applications/{application.id}"}',
     'decision', '{approved}', false),
    ('redemption_application_rejected.applicant', 'qinqing.policy.redemption-application.concluded.v1',
     'account', 'application.applicantID', '{sms,inbox}', 'redemption_application_rejected',
     '{"itemTitle": "application.itemTitle", "reason": "reason", "link": "link:/redemption-applications/{application.id}"}',
     'decision', '{rejected}', false),
    ('redemption_application_rejected.enterprise_contact', 'qinqing.policy.redemption-application.concluded.v1',
     'enterprise_contact', 'application.enterpriseID', '{sms}', 'redemption_application_rejected',
     '{"itemTitle": "application.itemTitle", "reason": "reason", "link": "link:/redemption-applications/{application.id}"}',
     'decision', '{rejected}', false),
    ('redemption_application_due_soon.unit_officials', 'qinqing.policy.redemption-application.due-soon.v1',
     'unit_officials', 'application.unitID', '{inbox}', 'redemption_application_due_soon',
     '{"itemTitle": "application.itemTitle", "project": "application.project", "dueAt": "dueAt", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, false),
    ('redemption_application_overdue.unit_admins', 'qinqing.policy.redemption-application.overdue.v1',
     'unit_admins', 'application.unitID', '{sms,inbox}', 'redemption_application_overdue',
     '{"itemTitle": "application.itemTitle", "project": "application.project", "dueAt": "dueAt", "link": "link:/redemption-applications/{application.id}"}',
     NULL, NULL, true);

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates WHERE code LIKE 'redemption\_application\_%'
ON CONFLICT DO NOTHING;
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id LIKE 'redemption\_application\_%'
ON CONFLICT DO NOTHING;
