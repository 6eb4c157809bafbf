-- The list of reporting enterprises (重点监测工业企业表): public, kept by the statistics bureau's admins.
-- Industries are GB/T 4754 codes; the names the bureau's lists use for them (焦化, 生物医药) are aliases.
CREATE TABLE industry_aliases (
    alias          text PRIMARY KEY,
    industry_code  text NOT NULL REFERENCES industry_classes (code)
);
INSERT INTO industry_aliases (alias, industry_code) VALUES
    ('焦化', 'C2521'),
    ('生物医药', 'C27');

-- 重点产业类型: a list admins keep.
CREATE TABLE key_industry_types (
    name    text PRIMARY KEY,
    active  boolean NOT NULL DEFAULT true
);
INSERT INTO key_industry_types (name) VALUES
    ('尼龙新材料'), ('新型材料'), ('装备制造'), ('绿色食品'), ('生物医药'), ('电子信息'), ('现代煤化工');

CREATE SEQUENCE reporting_enterprise_serial;

CREATE TABLE reporting_enterprises (
    id              uuid        PRIMARY KEY,
    serial_no       integer     NOT NULL UNIQUE DEFAULT nextval('reporting_enterprise_serial'),
    region          text        NOT NULL REFERENCES regions (code),
    name            text        NOT NULL,
    uscc            text,
    industry_code   text        NOT NULL REFERENCES industry_classes (code),
    industry_label  text        NOT NULL,
    active          boolean     NOT NULL DEFAULT true,
    added_at        timestamptz NOT NULL,
    removed_at      timestamptz
);
CREATE UNIQUE INDEX reporting_enterprises_active_name ON reporting_enterprises (name) WHERE active;
CREATE UNIQUE INDEX reporting_enterprises_active_uscc ON reporting_enterprises (uscc) WHERE active AND uscc IS NOT NULL;
CREATE INDEX reporting_enterprises_list ON reporting_enterprises (active, region, industry_code, serial_no);

-- Every addition and removal, with who, when and why.
CREATE TABLE reporting_enterprise_history (
    reporting_enterprise_id  uuid        NOT NULL REFERENCES reporting_enterprises (id),
    seq                      bigserial   PRIMARY KEY,
    action                   text        NOT NULL CHECK (action IN ('added', 'imported', 'removed')),
    reason                   text        NOT NULL,
    by_official              uuid        NOT NULL,
    at                       timestamptz NOT NULL
);
