-- The identity events rules read, and the rule the issue ships for them: a membership about to
-- expire tells the member and the enterprise's admins (SMS and in-site).
INSERT INTO event_types (event_type, description, fields) VALUES
    ('qinqing.identity.membership.expiring.v1', 'A membership authorization ends soon',
     '{membershipID,enterpriseID,enterpriseName,accountID,expiresAt}'),
    ('qinqing.identity.liaison.assigned.v1', 'An official now looks after an enterprise',
     '{enterpriseID,officialID,unitID,assignedAt}'),
    ('qinqing.identity.help-request.assigned.v1', 'An enterprise''s help request got its helpers',
     '{requestID,enterpriseID,officialIDs,assignedBy,assignedAt}');

INSERT INTO templates (code, category, title, body) VALUES
    ('membership_expiring', 'account', '企业授权即将到期',
     '您在{enterpriseName}的企业授权将于{expiresAt}到期，请及时联系企业管理员续期。'),
    ('membership_expiring_admin', 'account', '企业成员授权即将到期',
     '{enterpriseName}有一名成员的企业授权将于{expiresAt}到期，如需继续授权请登录平台续期。');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings) VALUES
    ('membership_expiring.member', 'qinqing.identity.membership.expiring.v1', 'account', 'accountID',
     '{sms,inbox}', 'membership_expiring', '{"enterpriseName": "enterpriseName", "expiresAt": "expiresAt"}'),
    ('membership_expiring.admins', 'qinqing.identity.membership.expiring.v1', 'enterprise_admins', 'enterpriseID',
     '{sms,inbox}', 'membership_expiring_admin', '{"enterpriseName": "enterpriseName", "expiresAt": "expiresAt"}');

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates;
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'urgent', urgent, 'enabled', enabled)
FROM rules;
