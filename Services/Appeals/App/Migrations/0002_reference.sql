-- Problem categories (reference data; admins add more) and deadline schemes (data, not code).
CREATE TABLE categories (
    code        text        PRIMARY KEY CHECK (code ~ '^[a-zA-Z][a-zA-Z0-9-]{1,63}$'),
    kind        text        NOT NULL CHECK (kind IN ('appeal', 'complaint')),
    name        text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO categories (code, kind, name) VALUES
    ('policyNotImplemented', 'appeal', '各级政府或相关部门已出台政策,但在实际执行过程中未落实到位的问题。'),
    ('reformEfficiency', 'appeal', '在推动“放管服效”改革,提高行政效能,优化营商环境中存在的问题。'),
    ('illegalIntervention', 'complaint', '违法干预应当由市场主体自主决策事项的'),
    ('inaction', 'complaint', '办理过程中存在不作为、推诿、敷衍、拖延等行为');

CREATE TABLE deadline_schemes (
    code               text    PRIMARY KEY,
    name               text    NOT NULL,
    -- Share of a step's time after which an item is due-soon (yellow).
    due_soon_fraction  numeric NOT NULL DEFAULT 0.75 CHECK (due_soon_fraction > 0 AND due_soon_fraction < 1)
);

-- One limit per step. `status` is the item status the step's clock runs in. A checkpoint step is a
-- required progress report (13710's "3"), timed from when the item enters `status`.
CREATE TABLE deadline_steps (
    scheme_code  text    NOT NULL REFERENCES deadline_schemes (code),
    step         text    NOT NULL,
    status       text    NOT NULL,
    limit_days   integer CHECK (limit_days >= 0),
    counting     text    NOT NULL CHECK (counting IN ('workingDays', 'calendarDays')),
    checkpoint   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (scheme_code, step)
);

INSERT INTO deadline_schemes (code, name) VALUES
    ('shiyan', '十堰: 审核1个工作日, 签收1个工作日, 办理15个工作日, 评价5个工作日'),
    ('13710', '13710: 当天签收, 3天报告进展, 7天办结, 跟踪销号');

INSERT INTO deadline_steps (scheme_code, step, status, limit_days, counting, checkpoint) VALUES
    ('shiyan', 'review', 'reviewing', 1, 'workingDays', false),
    ('shiyan', 'dispatch', 'dispatching', 1, 'workingDays', false),
    ('shiyan', 'sign', 'signing', 1, 'workingDays', false),
    ('shiyan', 'reply', 'inProgress', 15, 'workingDays', false),
    ('shiyan', 'rate', 'replied', 5, 'workingDays', false),
    ('13710', 'review', 'reviewing', 0, 'calendarDays', false),
    ('13710', 'dispatch', 'dispatching', 0, 'calendarDays', false),
    ('13710', 'sign', 'signing', 0, 'calendarDays', false),
    ('13710', 'progress', 'inProgress', 3, 'calendarDays', true),
    ('13710', 'reply', 'inProgress', 7, 'calendarDays', false),
    ('13710', 'rate', 'replied', 5, 'calendarDays', false);

-- Which scheme a category follows in a city (first four digits of the region code; '*' for any).
CREATE TABLE scheme_assignments (
    category_code  text NOT NULL REFERENCES categories (code),
    city           text NOT NULL,
    scheme_code    text NOT NULL REFERENCES deadline_schemes (code),
    PRIMARY KEY (category_code, city)
);

INSERT INTO scheme_assignments (category_code, city, scheme_code) VALUES
    ('policyNotImplemented', '*', 'shiyan'),
    ('reformEfficiency', '*', 'shiyan'),
    ('illegalIntervention', '*', 'shiyan'),
    ('inaction', '*', 'shiyan'),
    ('policyNotImplemented', '4104', '13710'),
    ('inaction', '4104', '13710');
