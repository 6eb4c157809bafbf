-- 订阅中心: enterprises' subscriptions and the messages publications leave them.
-- A subscription matches when every dimension it names matches (an empty one matches anything);
-- within a dimension any value does.
CREATE TABLE subscriptions (
    subscription_id  uuid        PRIMARY KEY,
    enterprise_id    uuid        NOT NULL,
    enterprise_tags  text[]      NOT NULL DEFAULT '{}',
    policy_types     text[]      NOT NULL DEFAULT '{}',
    agency_ids       uuid[]      NOT NULL DEFAULT '{}',
    regions          text[]      NOT NULL DEFAULT '{}',
    sms              boolean     NOT NULL DEFAULT false,
    created_by       uuid        NOT NULL,
    created_at       timestamptz NOT NULL,
    CHECK (cardinality(enterprise_tags) + cardinality(policy_types) + cardinality(agency_ids) + cardinality(regions) > 0)
);
CREATE INDEX subscriptions_enterprise ON subscriptions (enterprise_id);

-- One message per enterprise and published item, however many subscriptions matched.
CREATE TABLE subscription_messages (
    message_id     uuid        PRIMARY KEY,
    enterprise_id  uuid        NOT NULL,
    item_kind      text        NOT NULL,
    item_id        uuid        NOT NULL,
    title          text        NOT NULL,
    sms            boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    read_at        timestamptz,
    UNIQUE (enterprise_id, item_kind, item_id)
);
CREATE INDEX subscription_messages_newest ON subscription_messages (enterprise_id, created_at DESC);
