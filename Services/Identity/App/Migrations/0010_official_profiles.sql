-- An official's own profile (account guide item 2, 我的资料): the work unit as they name it (工作单位,
-- beside the unit the platform admins assign), the title (the existing column) and an e-mail address,
-- sealed like every personal value.
ALTER TABLE accounts
    ADD COLUMN work_unit text,
    ADD COLUMN email_key_id text,
    ADD COLUMN email_sealed bytea;
