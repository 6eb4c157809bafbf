-- Reference data platform admins maintain: policy types (政策类型), subsidy types (奖补类型) and tags.
-- A tag's code is its word (the same words identity keeps as enterprise tags, so 企业标签
-- subscriptions meet policies' tags); types have a Latin code and a display name.
CREATE TABLE reference_terms (
    kind        text        NOT NULL CHECK (kind IN ('policyType', 'subsidyType', 'tag')),
    code        text        NOT NULL CHECK (kind = 'tag' OR code ~ '^[a-zA-Z][a-zA-Z0-9-]{1,63}$'),
    name        text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, code)
);

INSERT INTO reference_terms (kind, code, name) VALUES
    ('policyType', 'finance', '财政金融'),
    ('policyType', 'industry', '产业发展'),
    ('policyType', 'innovation', '科技创新'),
    ('policyType', 'talent', '人才就业'),
    ('policyType', 'tax', '税收优惠'),
    ('policyType', 'business', '营商环境'),
    ('subsidyType', 'cashAward', '资金奖励'),
    ('subsidyType', 'loanInterest', '贷款贴息'),
    ('subsidyType', 'taxRelief', '税费减免'),
    ('subsidyType', 'qualification', '资质认定'),
    ('tag', '制造业', '制造业'),
    ('tag', '高新技术', '高新技术'),
    ('tag', '专精特新', '专精特新'),
    ('tag', '商贸', '商贸'),
    ('tag', '软件', '软件'),
    ('tag', '中小微企业', '中小微企业');
