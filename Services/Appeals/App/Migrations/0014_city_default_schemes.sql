-- A city's default deadline scheme is a setting (operating rules art. 7: Pingdingshan handles every
-- item under 13710); a category follows it unless an assignment overrides it there (or anywhere).
-- The seeded "every category anywhere follows Shiyan's scheme" rows go: Shiyan (4203) keeps its
-- scheme as its city default; Pingdingshan (4104) defaults to 13710, so its per-category 13710 rows
-- are no longer needed.
CREATE TABLE city_schemes (
    city         text PRIMARY KEY CHECK (city ~ '^[0-9]{4}$'),
    scheme_code  text NOT NULL REFERENCES deadline_schemes (code)
);

INSERT INTO city_schemes (city, scheme_code) VALUES
    ('4104', '13710'),
    ('4203', 'shiyan');

DELETE FROM scheme_assignments WHERE city = '*' AND scheme_code = 'shiyan';
DELETE FROM scheme_assignments WHERE city = '4104' AND scheme_code = '13710';
