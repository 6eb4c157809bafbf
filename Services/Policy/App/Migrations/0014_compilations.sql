-- 政策汇编 / 政策指南 (Shiyan account guide items 5, 10, 17): a reviewer assembles chosen published
-- policies into a named, ordered compilation that anyone can read and print.
CREATE TABLE compilations (
    compilation_id uuid PRIMARY KEY,
    title text NOT NULL,
    description text,
    unit_id uuid NOT NULL,
    published_by uuid NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX compilations_published ON compilations (published_at DESC, compilation_id);

CREATE TABLE compilation_policies (
    compilation_id uuid NOT NULL REFERENCES compilations (compilation_id),
    position integer NOT NULL,
    policy_id uuid NOT NULL REFERENCES policies (policy_id),
    PRIMARY KEY (compilation_id, position),
    UNIQUE (compilation_id, policy_id)
);
