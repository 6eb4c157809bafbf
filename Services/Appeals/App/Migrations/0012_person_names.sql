-- Names of the people the service knows (officials; the contacts, principals and helpers on forms;
-- reply handlers), so the public register masks them wherever they appear, not only on their own
-- item. Kept by triggers, so every way a form, a reply or an official is written is covered.
CREATE TABLE person_names (
    name  text PRIMARY KEY CHECK (char_length(name) BETWEEN 2 AND 40)
);

CREATE FUNCTION remember_person_names(names text[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO person_names (name)
    SELECT DISTINCT btrim(n) FROM unnest(names) AS n
    WHERE n IS NOT NULL AND char_length(btrim(n)) BETWEEN 2 AND 40
    ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION remember_case_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM remember_person_names(ARRAY[
        NEW.form #>> '{basic,principalName}', NEW.form #>> '{basic,contactName}', NEW.form #>> '{helper,officialName}',
        NEW.form ->> 'contactName', NEW.reply ->> 'handlerName']);
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_remember_names AFTER INSERT OR UPDATE OF form, reply ON cases
    FOR EACH ROW EXECUTE FUNCTION remember_case_names();

CREATE FUNCTION remember_official_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM remember_person_names(ARRAY[NEW.name]);
    RETURN NEW;
END;
$$;
CREATE TRIGGER officials_remember_names AFTER INSERT OR UPDATE OF name ON officials
    FOR EACH ROW EXECUTE FUNCTION remember_official_name();

SELECT remember_person_names(ARRAY[
    form #>> '{basic,principalName}', form #>> '{basic,contactName}', form #>> '{helper,officialName}',
    form ->> 'contactName', reply ->> 'handlerName'])
FROM cases;
SELECT remember_person_names(array_agg(name)) FROM officials;
