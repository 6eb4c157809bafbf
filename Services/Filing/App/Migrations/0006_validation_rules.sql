-- Validation rules as data (after DHIS2's): each a kind the service knows how to check, with its
-- parameters, importance, name and message. A change inserts the next version; a filing is checked
-- against the versions current when it is submitted (recorded in its flags).
CREATE TABLE validation_rules (
    code        text        NOT NULL CHECK (code ~ '^[a-z][a-zA-Z0-9-]{1,63}$'),
    version     integer     NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('required', 'ytdAtLeastMonth', 'januaryYtdEqualsMonth', 'nonNegative',
                                                     'yoyConsistency', 'momConsistency', 'yoyChange', 'historicalRange')),
    importance  text        NOT NULL CHECK (importance IN ('error', 'warning')),
    name        text        NOT NULL,
    message     text        NOT NULL,
    -- tolerance (percentage points), threshold (%), minimum history (filings): decimals as text.
    parameter   numeric(12, 4),
    active      boolean     NOT NULL,
    changed_by  uuid,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (code, version)
);

INSERT INTO validation_rules (code, version, kind, importance, name, message, parameter, active, changed_at) VALUES
    ('required', 1, 'required', 'error', '必填项', '必填项未填写', NULL, true, now()),
    ('ytd-at-least-month', 1, 'ytdAtLeastMonth', 'error', '本月止累计不小于本月', '本月止累计不能小于本月', NULL, true, now()),
    ('january-ytd-equals-month', 1, 'januaryYtdEqualsMonth', 'error', '一月累计等于本月', '一月份本月止累计应等于本月', NULL, true, now()),
    ('no-negative-output', 1, 'nonNegative', 'error', '产出不为负', '产值、用电量、收入、税金、产量、价格和库存不能为负（利润总额可为负）', NULL, true, now()),
    ('yoy-consistent', 1, 'yoyConsistency', 'warning', '同比增幅与去年同期不符', '填报的同比增幅与按去年同月填报计算的不符', 2, true, now()),
    ('mom-consistent', 1, 'momConsistency', 'warning', '环比增幅与上月不符', '填报的环比增幅与按上月填报计算的不符', 2, true, now()),
    ('yoy-sharp-change', 1, 'yoyChange', 'warning', '同比大幅变动', '与去年同月相比变动超过阈值，请在情况说明中说明', 30, true, now()),
    ('historical-range', 1, 'historicalRange', 'warning', '超出历史范围', '超出本企业以往填报的范围，请在情况说明中说明', 3, true, now());
