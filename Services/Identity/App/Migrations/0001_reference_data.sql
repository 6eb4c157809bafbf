-- Reference data: Pingdingshan's regions (GB/T 2260 plus local codes for the two zones),
-- GB/T 4754-2017 industry sections, and the unit tree (city departments, counties, districts,
-- zones and the six industry groups).

CREATE TABLE regions (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('city', 'district', 'county', 'countyCity', 'zone')),
    parent_code text REFERENCES regions (code),
    -- false for the two zones, which have no GB/T 2260 code: their codes are the local
    -- statistical codes (统计用区划代码) the city uses for them.
    official    boolean NOT NULL,
    sort_order  int NOT NULL
);

INSERT INTO regions (code, name, kind, parent_code, official, sort_order) VALUES
    ('410400', '平顶山市', 'city', NULL, true, 0),
    ('410402', '新华区', 'district', '410400', true, 1),
    ('410403', '卫东区', 'district', '410400', true, 2),
    ('410404', '石龙区', 'district', '410400', true, 3),
    ('410411', '湛河区', 'district', '410400', true, 4),
    ('410421', '宝丰县', 'county', '410400', true, 5),
    ('410422', '叶县', 'county', '410400', true, 6),
    ('410423', '鲁山县', 'county', '410400', true, 7),
    ('410425', '郏县', 'county', '410400', true, 8),
    ('410481', '舞钢市', 'countyCity', '410400', true, 9),
    ('410482', '汝州市', 'countyCity', '410400', true, 10),
    ('410471', '平顶山高新技术产业开发区', 'zone', '410400', false, 11),
    ('410472', '平顶山市城乡一体化示范区', 'zone', '410400', false, 12);

CREATE TABLE industries (
    section char(1) PRIMARY KEY CHECK (section ~ '^[A-T]$'),
    name    text NOT NULL
);

INSERT INTO industries (section, name) VALUES
    ('A', '农、林、牧、渔业'),
    ('B', '采矿业'),
    ('C', '制造业'),
    ('D', '电力、热力、燃气及水生产和供应业'),
    ('E', '建筑业'),
    ('F', '批发和零售业'),
    ('G', '交通运输、仓储和邮政业'),
    ('H', '住宿和餐饮业'),
    ('I', '信息传输、软件和信息技术服务业'),
    ('J', '金融业'),
    ('K', '房地产业'),
    ('L', '租赁和商务服务业'),
    ('M', '科学研究和技术服务业'),
    ('N', '水利、环境和公共设施管理业'),
    ('O', '居民服务、修理和其他服务业'),
    ('P', '教育'),
    ('Q', '卫生和社会工作'),
    ('R', '文化、体育和娱乐业'),
    ('S', '公共管理、社会保障和社会组织'),
    ('T', '国际组织');

CREATE TABLE units (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('city', 'department', 'county', 'district', 'zone', 'industryGroup')),
    parent_id  uuid REFERENCES units (id),
    region     text NOT NULL REFERENCES regions (code),
    -- Industry groups: the short code dispatch uses (industry, construction, commerce, ...).
    code       text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX units_parent ON units (parent_id);

INSERT INTO units (id, name, kind, parent_id, region, code) VALUES
    ('00000000-0000-4000-8000-000000000100', '平顶山市', 'city', NULL, '410400', 'city');

INSERT INTO units (id, name, kind, parent_id, region, code) VALUES
    ('00000000-0000-4000-8000-000000000101', '市发展和改革委员会', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'drc'),
    ('00000000-0000-4000-8000-000000000102', '市工业和信息化局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'miit'),
    ('00000000-0000-4000-8000-000000000103', '市住房和城乡建设局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'housing'),
    ('00000000-0000-4000-8000-000000000104', '市商务局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'commerce-bureau'),
    ('00000000-0000-4000-8000-000000000105', '市交通运输局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'transport-bureau'),
    ('00000000-0000-4000-8000-000000000106', '市农业农村局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'agriculture-bureau'),
    ('00000000-0000-4000-8000-000000000107', '市文化广电和旅游局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'culture-bureau'),
    ('00000000-0000-4000-8000-000000000108', '市市场监督管理局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'market-regulation'),
    ('00000000-0000-4000-8000-000000000109', '市财政局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'finance'),
    ('00000000-0000-4000-8000-000000000110', '市人力资源和社会保障局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'hrss'),
    ('00000000-0000-4000-8000-000000000111', '市营商环境服务中心', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'business-environment');

INSERT INTO units (id, name, kind, parent_id, region, code) VALUES
    ('00000000-0000-4000-8000-000000000201', '新华区', 'district', '00000000-0000-4000-8000-000000000100', '410402', 'r410402'),
    ('00000000-0000-4000-8000-000000000202', '卫东区', 'district', '00000000-0000-4000-8000-000000000100', '410403', 'r410403'),
    ('00000000-0000-4000-8000-000000000203', '石龙区', 'district', '00000000-0000-4000-8000-000000000100', '410404', 'r410404'),
    ('00000000-0000-4000-8000-000000000204', '湛河区', 'district', '00000000-0000-4000-8000-000000000100', '410411', 'r410411'),
    ('00000000-0000-4000-8000-000000000205', '宝丰县', 'county', '00000000-0000-4000-8000-000000000100', '410421', 'r410421'),
    ('00000000-0000-4000-8000-000000000206', '叶县', 'county', '00000000-0000-4000-8000-000000000100', '410422', 'r410422'),
    ('00000000-0000-4000-8000-000000000207', '鲁山县', 'county', '00000000-0000-4000-8000-000000000100', '410423', 'r410423'),
    ('00000000-0000-4000-8000-000000000208', '郏县', 'county', '00000000-0000-4000-8000-000000000100', '410425', 'r410425'),
    ('00000000-0000-4000-8000-000000000209', '舞钢市', 'county', '00000000-0000-4000-8000-000000000100', '410481', 'r410481'),
    ('00000000-0000-4000-8000-000000000210', '汝州市', 'county', '00000000-0000-4000-8000-000000000100', '410482', 'r410482'),
    ('00000000-0000-4000-8000-000000000211', '平顶山高新技术产业开发区', 'zone', '00000000-0000-4000-8000-000000000100', '410471', 'r410471'),
    ('00000000-0000-4000-8000-000000000212', '平顶山市城乡一体化示范区', 'zone', '00000000-0000-4000-8000-000000000100', '410472', 'r410472');

INSERT INTO units (id, name, kind, parent_id, region, code) VALUES
    ('00000000-0000-4000-8000-000000000301', '经信组', 'industryGroup', '00000000-0000-4000-8000-000000000100', '410400', 'industry'),
    ('00000000-0000-4000-8000-000000000302', '住建组', 'industryGroup', '00000000-0000-4000-8000-000000000100', '410400', 'construction'),
    ('00000000-0000-4000-8000-000000000303', '商务组', 'industryGroup', '00000000-0000-4000-8000-000000000100', '410400', 'commerce'),
    ('00000000-0000-4000-8000-000000000304', '交通组', 'industryGroup', '00000000-0000-4000-8000-000000000100', '410400', 'transport'),
    ('00000000-0000-4000-8000-000000000305', '农业组', 'industryGroup', '00000000-0000-4000-8000-000000000100', '410400', 'agriculture'),
    ('00000000-0000-4000-8000-000000000306', '文旅组', 'industryGroup', '00000000-0000-4000-8000-000000000100', '410400', 'culture-tourism');
