-- 政策解读 (issue 12): the policy service's `interpretation.published` event, registered so that rules
-- can be written for it as data. No rule ships: the enterprises that subscribed to the policy's
-- facts are told through `subscription.matched` (its rules in 0014), one message per enterprise.
INSERT INTO event_types (event_type, description, fields) VALUES
    ('qinqing.policy.interpretation.published.v1', 'An interpretation (政策解读) of a published policy was published',
     '{interpretation.id,interpretation.form,interpretation.title,interpretation.unitID,policy.policyID,policy.title,policy.agencyID,policy.region,policy.policyType,policy.tags,draftedBy,publishedBy,publishedAt}')
ON CONFLICT (event_type) DO NOTHING;
