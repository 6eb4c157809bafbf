-- 政策兑现 (issue 13, first part): the policy service's `redemption-item.published` event, registered so
-- that rules can be written for it as data. No rule ships: the enterprises whose subscriptions match
-- the item are told through `subscription.matched` (its rules in 0014), one message per enterprise.
INSERT INTO event_types (event_type, description, fields) VALUES
    ('qinqing.policy.redemption-item.published.v1', 'A redemption item (政策兑现 兑现事项) was published',
     '{item.id,item.project,item.title,item.region,item.policyTypes,item.supportKind,item.amount,item.amountFigure,item.applicantKind,item.processingDays,item.windowFrom,item.windowTo,item.unitID,policyID,policyTitle,draftedBy,publishedBy,publishedAt}')
ON CONFLICT (event_type) DO NOTHING;
