-- Statistics read models (issue 15), kept from the appeals and policy topics only, never from
-- another service's tables. Applied through the inbox (consumer `filing-statistics.<schema>`).

-- One row per applied appeals-topic event about an appeal or complaint: the facts the figures need,
-- no personal data (no contacts, no reply texts, no handler names). The per-case facts below are
-- folded from these rows in the order the events happened (`occurred_at`), so a late or out-of-order
-- event never regresses a case; rebuilding folds them again.
CREATE TABLE stat_case_events (
    event_id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    action text NOT NULL,                -- submitted, dispatched, signed, replied, rated, reopened, overdue, escalated, ...
    occurred_at timestamptz NOT NULL,    -- the transition's own time
    kind text NOT NULL CHECK (kind IN ('appeal', 'complaint')),
    serial_number text NOT NULL,
    title text NOT NULL,
    enterprise_name text NOT NULL,
    region text NOT NULL,
    category text NOT NULL,
    status text NOT NULL,
    unit_id uuid,
    unit_name text,
    step text,
    due_at timestamptz,
    submitted_at timestamptz NOT NULL,
    solved boolean,
    satisfied boolean
);
CREATE INDEX stat_case_events_case ON stat_case_events (case_id, occurred_at);
CREATE INDEX stat_case_events_escalations ON stat_case_events (occurred_at) WHERE action = 'escalated';

-- One row per appeal or complaint: its facts as of every event applied so far. Months are Beijing
-- months (yyyy-MM) of each fact's own time.
CREATE TABLE stat_cases (
    case_id uuid PRIMARY KEY,
    kind text NOT NULL,
    serial_number text NOT NULL,
    title text NOT NULL,
    enterprise_name text NOT NULL,
    region text NOT NULL,
    category text NOT NULL,
    status text NOT NULL,
    unit_id uuid,
    unit_name text,
    current_step text,
    current_due_at timestamptz,
    submitted_at timestamptz NOT NULL,
    received_month text NOT NULL,
    signed_at timestamptz,
    signed_month text,
    signed_late boolean,
    first_replied_at timestamptz,
    first_replied_month text,
    days_to_reply numeric(10, 1),
    concluded_at timestamptz,
    concluded_month text,
    concluded_late boolean,
    rated_at timestamptz,
    rated_month text,
    solved boolean,
    satisfied boolean,
    reopened boolean NOT NULL DEFAULT false,
    escalations int NOT NULL DEFAULT 0,
    last_event_at timestamptz NOT NULL
);
CREATE INDEX stat_cases_unit ON stat_cases (unit_id);
CREATE INDEX stat_cases_received ON stat_cases (received_month);
CREATE INDEX stat_cases_signed ON stat_cases (signed_month);
CREATE INDEX stat_cases_concluded ON stat_cases (concluded_month);
CREATE INDEX stat_cases_replied ON stat_cases (first_replied_month);
CREATE INDEX stat_cases_rated ON stat_cases (rated_month);

-- One row per published policy (first publication), from `policy.published` and `policy.published-late`.
CREATE TABLE stat_policies (
    policy_id uuid PRIMARY KEY,
    agency_id uuid NOT NULL,
    agency_name text,
    region text NOT NULL,
    title text,
    published_at timestamptz NOT NULL,
    published_month text NOT NULL,
    hours_to_publish numeric(12, 2),
    late boolean NOT NULL
);
CREATE INDEX stat_policies_month ON stat_policies (published_month, agency_id);
