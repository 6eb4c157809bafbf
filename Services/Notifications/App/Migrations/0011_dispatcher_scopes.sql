-- Scoped dispatcher messages (issue 10, item 6): a `dispatchers` rule with a recipient path (the
-- item's enterprise) reaches the dispatchers whose scope covers that enterprise, as the appeals
-- service routes: a city or department unit's dispatchers its city (first four digits), a county,
-- district or zone's its region, an industry group's the enterprises of its GB/T 4754 sections.
-- Without a path a dispatchers rule still reaches every dispatcher.
CREATE TABLE dispatch_group_industries (
    unit_id   uuid NOT NULL,
    industry  text NOT NULL CHECK (industry ~ '^[A-T]$'),
    PRIMARY KEY (unit_id, industry)
);

-- The six industry groups of the identity service's unit tree (the appeals service keeps the same rows).
INSERT INTO dispatch_group_industries (unit_id, industry) VALUES
    ('00000000-0000-4000-8000-000000000301', 'B'), ('00000000-0000-4000-8000-000000000301', 'C'),
    ('00000000-0000-4000-8000-000000000301', 'D'), ('00000000-0000-4000-8000-000000000301', 'I'),
    ('00000000-0000-4000-8000-000000000302', 'E'), ('00000000-0000-4000-8000-000000000302', 'K'),
    ('00000000-0000-4000-8000-000000000303', 'F'), ('00000000-0000-4000-8000-000000000303', 'H'),
    ('00000000-0000-4000-8000-000000000303', 'L'), ('00000000-0000-4000-8000-000000000304', 'G'),
    ('00000000-0000-4000-8000-000000000305', 'A'), ('00000000-0000-4000-8000-000000000306', 'R');

UPDATE rules SET recipient_path = 'item.enterpriseID', version = version + 1, updated_at = now()
WHERE recipients = 'dispatchers' AND recipient_path IS NULL AND event_type LIKE 'qinqing.appeals.%';

INSERT INTO rule_history (rule_id, version, definition)
SELECT rule_id, version, jsonb_build_object('eventType', event_type, 'recipients', recipients,
    'recipientPath', recipient_path, 'channels', to_jsonb(channels), 'templateCode', template_code,
    'bindings', bindings, 'conditionPath', condition_path, 'conditionValues', to_jsonb(condition_values),
    'urgent', urgent, 'enabled', enabled)
FROM rules WHERE recipients = 'dispatchers' AND recipient_path = 'item.enterpriseID';
