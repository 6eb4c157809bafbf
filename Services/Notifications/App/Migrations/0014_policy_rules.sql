-- The policy service's events (issue 12) and the rules the issue ships for them:
-- * a publication matched an enterprise's subscriptions (订阅中心): its members get an in-site
--   message, and an SMS when one of the matching subscriptions asked for it;
-- * a policy went public more than 24 hours after issue (operating rules art. 5): the issuing
--   unit's admins are told in-site.
INSERT INTO event_types (event_type, description, fields) VALUES
    ('qinqing.policy.policy.published.v1', 'A policy was published for the first time',
     '{policy.policyID,policy.version,policy.title,policy.documentNumber,policy.agencyID,policy.agencyName,policy.region,policy.issuedAt,policy.publishedAt,policy.policyType,policy.subsidyType,policy.tags,publishedBy,hoursToPublish,late}'),
    ('qinqing.policy.policy.revised.v1', 'A revision of a published policy was published',
     '{policy.policyID,policy.version,policy.title,policy.documentNumber,policy.agencyID,policy.agencyName,policy.region,policy.issuedAt,policy.publishedAt,policy.policyType,policy.subsidyType,policy.tags,revisedBy}'),
    ('qinqing.policy.policy.withdrawn.v1', 'A published policy was withdrawn',
     '{policyID,agencyID,title,reason,withdrawnBy,withdrawnAt}'),
    ('qinqing.policy.policy.published-late.v1', 'A policy went public more than 24 hours after its issue',
     '{policyID,agencyID,region,issuedAt,publishedAt,hoursToPublish}'),
    ('qinqing.policy.subscription.matched.v1', 'A publication matched an enterprise''s subscriptions',
     '{messageID,enterpriseID,itemKind,itemID,title,sms,matchedAt}')
ON CONFLICT (event_type) DO NOTHING;

INSERT INTO templates (code, category, title, body) VALUES
    ('subscription_matched', 'policy', '订阅消息',
     '您订阅的政策有更新：{title}，请登录平台“订阅中心”查看。'),
    ('policy_published_late', 'policy', '政策发布超时',
     '贵单位发布的一条政策自出台至上平台发布用时{hours}小时，超过24小时时限，请按《运行管理办法》第五条及时发布。');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings, condition_path, condition_values) VALUES
    ('subscription_matched.inbox', 'qinqing.policy.subscription.matched.v1', 'enterprise_members', 'enterpriseID',
     '{inbox}', 'subscription_matched', '{"title": "title"}', NULL, NULL),
    ('subscription_matched.sms', 'qinqing.policy.subscription.matched.v1', 'enterprise_members', 'enterpriseID',
     '{sms}', 'subscription_matched', '{"title": "title"}', 'sms', '{是}'),
    ('policy_published_late.unit', 'qinqing.policy.policy.published-late.v1', 'unit_admins', 'agencyID',
     '{inbox}', 'policy_published_late', '{"hours": "hoursToPublish"}', NULL, NULL);

INSERT INTO template_history (code, version, category, title, body)
SELECT code, version, category, title, body FROM templates
WHERE code IN ('subscription_matched', 'policy_published_late')
ON CONFLICT DO NOTHING;
INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE rule_id LIKE 'subscription_matched.%' OR rule_id = 'policy_published_late.unit'
ON CONFLICT DO NOTHING;
