-- The archive (档案) tells the story, not only ids: who acted and for which unit (names as they were
-- at the time), and the facts of the step (the unit an item was dispatched to, a rating's
-- solved/satisfied, a reply's text and handler). Older entries have none of these; the archive
-- fills their names from the projected officials and units when it is read. Adding columns touches
-- no row, so the immutability trigger of case_history is not in the way.
ALTER TABLE case_history
    ADD COLUMN actor_name       text,
    ADD COLUMN actor_unit_name  text,
    ADD COLUMN facts            jsonb;
