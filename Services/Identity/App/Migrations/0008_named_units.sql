-- The units the Pingdingshan documents name (operating rules art. 4) that the tree lacked: the
-- platform's building department, the statistics bureau, the 万人助万企 office, and the science and
-- ecology bureaus that issue policies. 市发展和改革委员会 (complaints' lead) already exists as
-- 00000000-0000-4000-8000-000000000101, code `drc`. Ids and codes are fixed: other services
-- (policy, filing) refer to them. Start-up publishes them as `UnitCreated` (published_at is NULL).
INSERT INTO units (id, name, kind, parent_id, region, code) VALUES
    ('00000000-0000-4000-8000-000000000112', '市政务服务和大数据管理局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'data-bureau'),
    ('00000000-0000-4000-8000-000000000113', '市统计局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'statistics'),
    ('00000000-0000-4000-8000-000000000114', '万人助万企办', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'wanren-office'),
    ('00000000-0000-4000-8000-000000000115', '市科技局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'science-bureau'),
    ('00000000-0000-4000-8000-000000000116', '市生态环境局', 'department', '00000000-0000-4000-8000-000000000100', '410400', 'ecology-bureau');
