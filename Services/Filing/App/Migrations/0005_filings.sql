-- One enterprise's filing of one month, and every version of it (who, when, what); figures are NUMERIC.
CREATE TABLE filings (
    id                       uuid        PRIMARY KEY,
    reporting_enterprise_id  uuid        NOT NULL REFERENCES reporting_enterprises (id),
    -- The identity enterprise whose member filed it (liaisons see the filings of their enterprises).
    enterprise_id            uuid        NOT NULL,
    period                   text        NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    region                   text        NOT NULL,
    status                   text        NOT NULL CHECK (status IN ('submitted', 'countersigned', 'approved')),
    current_version          integer     NOT NULL,
    first_submitted_at       timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    UNIQUE (reporting_enterprise_id, period)
);
CREATE INDEX filings_enterprise ON filings (enterprise_id, period);
CREATE INDEX filings_region_period ON filings (region, period);

CREATE TABLE filing_versions (
    filing_id          uuid        NOT NULL REFERENCES filings (id),
    version            integer     NOT NULL,
    contact_name       text        NOT NULL,
    -- The contact phone, sealed with the runtime's cipher (personal data).
    phone_key_id       text        NOT NULL,
    phone_sealed       bytea       NOT NULL,
    key_industry_type  text,
    explanation        text,
    -- The warnings and their rule versions as shown to the filer (never corrected).
    flags              jsonb       NOT NULL,
    submitted_by       uuid        NOT NULL,
    submitted_at       timestamptz NOT NULL,
    PRIMARY KEY (filing_id, version)
);

-- The figures of a version: `measure` is the form's field (`output.month`, `outputMonth` of a product…);
-- products and raw materials are `item`s with their position, name and unit.
CREATE TABLE filing_values (
    filing_id  uuid    NOT NULL,
    version    integer NOT NULL,
    section    text    NOT NULL CHECK (section IN ('enterprise', 'product', 'material')),
    position   integer NOT NULL,
    item_name  text    NOT NULL,
    unit       text    NOT NULL,
    measure    text    NOT NULL,
    value      numeric(20, 4) NOT NULL,
    PRIMARY KEY (filing_id, version, section, position, measure),
    FOREIGN KEY (filing_id, version) REFERENCES filing_versions (filing_id, version)
);

CREATE TABLE filing_items (
    filing_id  uuid    NOT NULL,
    version    integer NOT NULL,
    section    text    NOT NULL CHECK (section IN ('product', 'material')),
    position   integer NOT NULL,
    name       text    NOT NULL,
    unit       text    NOT NULL,
    PRIMARY KEY (filing_id, version, section, position),
    FOREIGN KEY (filing_id, version) REFERENCES filing_versions (filing_id, version)
);

CREATE TABLE filing_status_history (
    seq        bigserial   PRIMARY KEY,
    filing_id  uuid        NOT NULL REFERENCES filings (id),
    status     text        NOT NULL,
    action     text        NOT NULL,
    by_actor   uuid        NOT NULL,
    note       text,
    at         timestamptz NOT NULL
);
CREATE INDEX filing_status_history_filing ON filing_status_history (filing_id, seq);
