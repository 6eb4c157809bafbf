-- The filing events rules read (qinqing.filing.v1) and the reminders issue 14 ships for them: the day
-- before a month's window closes, every reporting enterprise that has not filed (SMS + in-site, to
-- its admins and members); at the close, each enterprise recorded missing (SMS + in-site), and its
-- liaison official (in-site); a reopened month is told to nobody by default (the bureau calls).
INSERT INTO event_types (event_type, description, fields) VALUES
    ('qinqing.filing.window.closing-soon.v1', 'A month''s filing window closes tomorrow',
     '{period,opensOn,closesOn,unfiledEnterpriseIDs}'::text[]),
    ('qinqing.filing.filing.missing.v1', 'A reporting enterprise had not filed a month when its window closed',
     '{enterprise.reportingEnterpriseID,enterprise.enterpriseID,enterprise.name,enterprise.region,period,closesOn}'::text[]);

INSERT INTO templates (code, category, title, body) VALUES
    ('filing_closing_soon', 'filing', '月度填报即将截止',
     '贵企业{period}月度数据（四上企业填报）尚未填报，填报将于{closesOn}截止，请及时登录平台“四上企业—我要填报”完成填报：{link}'),
    ('filing_missing', 'filing', '月度填报已逾期',
     '贵企业{period}月度数据（四上企业填报）在{closesOn}截止前未填报，已记为缺报，请尽快与县（市、区）统计局联系。'),
    ('filing_missing_liaison', 'filing', '包联企业缺报',
     '您包联的{enterpriseName}未在{closesOn}前填报{period}月度数据，已记为缺报，请督促企业补报。');

INSERT INTO rules (rule_id, event_type, recipients, recipient_path, channels, template_code, bindings,
                   condition_path, condition_values, urgent) VALUES
    ('filing_closing_soon.enterprise', 'qinqing.filing.window.closing-soon.v1', 'enterprise_members', 'unfiledEnterpriseIDs',
     '{sms,inbox}', 'filing_closing_soon', '{"period": "period", "closesOn": "closesOn", "link": "link:/enterprise/filings"}', NULL, NULL, false),
    ('filing_missing.enterprise', 'qinqing.filing.filing.missing.v1', 'enterprise_members', 'enterprise.enterpriseID',
     '{sms,inbox}', 'filing_missing', '{"period": "period", "closesOn": "closesOn"}', NULL, NULL, false),
    ('filing_missing.liaison', 'qinqing.filing.filing.missing.v1', 'enterprise_liaisons', 'enterprise.enterpriseID',
     '{inbox}', 'filing_missing_liaison',
     '{"period": "period", "closesOn": "closesOn", "enterpriseName": "enterprise.name"}', NULL, NULL, false);
