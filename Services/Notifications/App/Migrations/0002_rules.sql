-- Rules and templates are data: event type -> recipients -> channels -> template.

CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid
);
INSERT INTO settings (key, value) VALUES
    ('signature', '【平顶山亲清平台】'),
    ('link_base', 'https://qinqing.pds.gov.cn'),
    ('quiet_start', '22:00'),
    ('quiet_end', '08:00'),
    ('sms_per_hour', '5'),
    ('merge_window_minutes', '10'),
    ('retry_base_seconds', '30'),
    ('retry_max_attempts', '5');

-- The payload fields an event type carries (dotted paths), so a template can be checked against
-- its event before it is used. Registering a new event type is a row here.
CREATE TABLE event_types (
    event_type text PRIMARY KEY,
    description text NOT NULL,
    fields text[] NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE templates (
    code text PRIMARY KEY,
    category text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    version int NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid
);

CREATE TABLE template_history (
    code text NOT NULL,
    version int NOT NULL,
    category text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by uuid,
    PRIMARY KEY (code, version)
);

-- recipients: enterprise_liaisons | unit_admins | inspectors | dispatchers | enterprise | enterprise_admins |
--   enterprise_members | account | all_enterprises | region_enterprises.
-- recipient_path: the payload field holding the enterprise / unit / account id or region code.
-- condition_path/condition_values: e.g. item.step in {review}, for rules that depend on the event's content.
-- bindings: placeholder name -> source: a payload path (`appeal.serial`), `enterprise:<path of an
--   enterprise id>` (its projected name), `link:<path>` (link_base + the path's value) or `=literal`.
CREATE TABLE rules (
    rule_id text PRIMARY KEY,
    event_type text NOT NULL,
    recipients text NOT NULL CHECK (recipients IN ('enterprise_liaisons', 'unit_admins', 'inspectors', 'dispatchers',
        'enterprise', 'enterprise_admins', 'enterprise_members', 'account', 'all_enterprises', 'region_enterprises')),
    recipient_path text,
    channels text[] NOT NULL,
    template_code text NOT NULL REFERENCES templates (code),
    bindings jsonb NOT NULL DEFAULT '{}',
    -- Optional: the rule applies only when the payload value at condition_path is one of condition_values.
    condition_path text,
    condition_values text[],
    urgent boolean NOT NULL DEFAULT false,
    enabled boolean NOT NULL DEFAULT true,
    version int NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid
);
CREATE INDEX rules_event_type ON rules (event_type) WHERE enabled;

CREATE TABLE rule_history (
    rule_id text NOT NULL,
    version int NOT NULL,
    definition jsonb NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by uuid,
    PRIMARY KEY (rule_id, version)
);

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    actor uuid,
    action text NOT NULL,
    target text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
