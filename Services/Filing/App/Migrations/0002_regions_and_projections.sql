-- The city's counties (统计用区划代码, the codes identity uses) for the reporting list's 县(市、区) column,
-- and read models of the identity service's events (consumed through the inbox).
CREATE TABLE regions (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name        text NOT NULL UNIQUE,
    city_code   text NOT NULL
);
INSERT INTO regions (code, name, city_code) VALUES
    ('410402', '新华区', '410400'), ('410403', '卫东区', '410400'), ('410404', '石龙区', '410400'),
    ('410411', '湛河区', '410400'), ('410421', '宝丰县', '410400'), ('410422', '叶县', '410400'),
    ('410423', '鲁山县', '410400'), ('410425', '郏县', '410400'), ('410481', '舞钢市', '410400'),
    ('410482', '汝州市', '410400'), ('410471', '平顶山高新技术产业开发区', '410400'),
    ('410472', '平顶山市城乡一体化示范区', '410400');

CREATE TABLE enterprises (
    enterprise_id  uuid        PRIMARY KEY,
    uscc           text        NOT NULL,
    name           text        NOT NULL,
    region         text        NOT NULL,
    industry       text        NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX enterprises_uscc ON enterprises (uscc);

CREATE TABLE liaison_assignments (
    enterprise_id  uuid        NOT NULL,
    official_id    uuid        NOT NULL,
    assigned_at    timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, official_id)
);
CREATE INDEX liaison_assignments_official ON liaison_assignments (official_id);
