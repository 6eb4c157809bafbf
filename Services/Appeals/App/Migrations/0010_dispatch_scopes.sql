-- Which items a dispatcher sees and routes: a city-level dispatcher (city or department unit) the
-- whole city; a county, district or zone dispatcher the items of its region; an industry group's
-- dispatcher (Shiyan's dispatch groups) the items of enterprises in its GB/T 4754 sections.
-- Sections no group covers are routed by the city-level dispatchers.
ALTER TABLE cases ADD COLUMN industry text;
UPDATE cases c SET industry = e.industry FROM enterprises e WHERE e.enterprise_id = c.enterprise_id;

CREATE TABLE dispatch_group_industries (
    unit_id   uuid NOT NULL,
    industry  text NOT NULL CHECK (industry ~ '^[A-T]$'),
    PRIMARY KEY (unit_id, industry)
);

-- The six industry groups of the identity service's unit tree (their ids are identity's reference data).
INSERT INTO dispatch_group_industries (unit_id, industry) VALUES
    ('00000000-0000-4000-8000-000000000301', 'B'), -- 经信组: mining
    ('00000000-0000-4000-8000-000000000301', 'C'), -- manufacturing
    ('00000000-0000-4000-8000-000000000301', 'D'), -- power, heat, gas and water
    ('00000000-0000-4000-8000-000000000301', 'I'), -- information technology
    ('00000000-0000-4000-8000-000000000302', 'E'), -- 住建组: construction
    ('00000000-0000-4000-8000-000000000302', 'K'), -- real estate
    ('00000000-0000-4000-8000-000000000303', 'F'), -- 商务组: wholesale and retail
    ('00000000-0000-4000-8000-000000000303', 'H'), -- accommodation and catering
    ('00000000-0000-4000-8000-000000000303', 'L'), -- leasing and business services
    ('00000000-0000-4000-8000-000000000304', 'G'), -- 交通组: transport, storage and post
    ('00000000-0000-4000-8000-000000000305', 'A'), -- 农业组: agriculture, forestry, animal husbandry, fishery
    ('00000000-0000-4000-8000-000000000306', 'R'); -- 文旅组: culture, sports and entertainment

CREATE INDEX cases_dispatch_region ON cases (kind, status, region);
CREATE INDEX cases_dispatch_industry ON cases (kind, status, industry);
