-- Help requests carry the manual's form (1.10.1 申请帮扶): the enterprise's name and USCC as
-- submitted, the office's region, a contact person and phone (sealed like every phone), and the
-- note (申请说明). Requests made before this migration have no form fields.
ALTER TABLE help_requests
    ADD COLUMN enterprise_name text,
    ADD COLUMN uscc text,
    ADD COLUMN office_region text REFERENCES regions (code),
    ADD COLUMN contact_name text,
    ADD COLUMN contact_phone_key_id text,
    ADD COLUMN contact_phone_sealed bytea;
