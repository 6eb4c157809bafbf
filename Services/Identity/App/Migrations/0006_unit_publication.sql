-- Units come from migrations, not requests, so no request ever wrote their events: start-up
-- publishes `UnitCreated` once for every unit not yet published (other services project units).
ALTER TABLE units ADD COLUMN published_at timestamptz;
