-- 办理过程中存在不作为、推诿、敷衍、拖延等行为 is a problem category of appeals (诉求) in the enterprise
-- manual (1.6.4, appeal SQ2021110010), not of complaints. Items already filed under it keep their
-- category (cases reference the code, not the kind), so they stay readable; new complaints may no
-- longer choose it, new appeals may. Its scheme assignments stay as they are.
UPDATE categories SET kind = 'appeal' WHERE code = 'inaction' AND kind = 'complaint';
