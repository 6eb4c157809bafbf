-- The identity facts this service resolves recipients from, projected from qinqing.identity.v1
-- and (phones only) the restricted qinqing.identity.contacts.v1. Never read from another schema.

CREATE TABLE enterprises (
    enterprise_id uuid PRIMARY KEY,
    uscc text NOT NULL,
    name text NOT NULL,
    region text NOT NULL,
    industry text NOT NULL,
    tags text[] NOT NULL DEFAULT '{}',
    approved boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_region ON enterprises (region) WHERE approved;

CREATE TABLE memberships (
    membership_id uuid PRIMARY KEY,
    enterprise_id uuid NOT NULL,
    account_id uuid NOT NULL,
    role text NOT NULL CHECK (role IN ('member', 'admin')),
    expires_at timestamptz NOT NULL,
    active boolean NOT NULL
);
CREATE INDEX memberships_enterprise ON memberships (enterprise_id) WHERE active;

CREATE TABLE liaisons (
    enterprise_id uuid NOT NULL,
    official_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    assigned_at timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, official_id)
);

-- An official's id is the account id their token carries.
CREATE TABLE officials (
    official_id uuid PRIMARY KEY,
    name text NOT NULL,
    unit_id uuid NOT NULL,
    region text NOT NULL,
    roles text[] NOT NULL,
    active boolean NOT NULL
);
CREATE INDEX officials_unit ON officials (unit_id) WHERE active;

CREATE TABLE units (
    unit_id uuid PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_id uuid,
    region text NOT NULL
);

-- Phones: AES-GCM sealed (PersonalData.FieldCipher), never in plain text.
CREATE TABLE contacts (
    account_id uuid PRIMARY KEY,
    display_name text,
    phone_key_id text,
    phone_sealed bytea,
    changed_at timestamptz NOT NULL,
    CHECK ((phone_key_id IS NULL) = (phone_sealed IS NULL))
);
