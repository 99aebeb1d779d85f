-- jxgov database schema, version 1 (PRAGMA user_version).
-- Tables are the project's own; the v_* views are the public contract
-- (../shared/contract.md, README.md "Views") and change only with a
-- schema version bump. Every row carries provenance: source_id + line.

CREATE TABLE IF NOT EXISTS sources (
    source_id   INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,              -- as given on the command line
    sha256      TEXT NOT NULL UNIQUE,       -- of the raw bytes: the file's identity
    encoding    TEXT NOT NULL CHECK (encoding IN
                    ('UTF-8', 'UTF-8-BOM', 'GB18030', 'UTF-16LE', 'UTF-16BE')),
    bytes       INTEGER NOT NULL,
    lines       INTEGER NOT NULL,
    is_gazette  INTEGER NOT NULL,           -- 1 when the file is a 公报 issue
    ingested_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS gazette_issues (
    source_id    INTEGER PRIMARY KEY REFERENCES sources,
    year         INTEGER,
    issue        TEXT,
    total_issue  TEXT,
    published_on TEXT
);

-- One row per document. natural_key is the doc_no, or title|成文 date for
-- the documents that print none. The row's content and provenance come
-- from its preferred source (a standalone document over a gazette reprint,
-- then the smaller sha256), so the load order never changes the result.
CREATE TABLE IF NOT EXISTS notices (
    notice_id   INTEGER PRIMARY KEY,
    natural_key TEXT NOT NULL UNIQUE,
    doc_no      TEXT UNIQUE,
    issuer      TEXT NOT NULL,
    title       TEXT NOT NULL,
    issued_on   TEXT,
    year        INTEGER,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL
);

-- Every source a notice was printed in.
CREATE TABLE IF NOT EXISTS notice_sources (
    notice_id   INTEGER NOT NULL REFERENCES notices,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (notice_id, source_id)
);

CREATE TABLE IF NOT EXISTS tasks (
    task_id     INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('key_work', 'period', 'livelihood', 'special_action')),
    category    TEXT,
    section     INTEGER,
    seq         INTEGER NOT NULL,
    sub_seq     INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_notice ON tasks (notice_id);

CREATE TABLE IF NOT EXISTS task_leaders (
    task_id  INTEGER NOT NULL REFERENCES tasks ON DELETE CASCADE,
    position INTEGER NOT NULL,
    leader   TEXT NOT NULL,
    title    TEXT,
    PRIMARY KEY (task_id, position)
);

CREATE TABLE IF NOT EXISTS task_departments (
    task_id    INTEGER NOT NULL REFERENCES tasks ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    department TEXT NOT NULL,
    raw_name   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('lead', 'member')),
    PRIMARY KEY (task_id, position)
);
CREATE INDEX IF NOT EXISTS task_departments_dept ON task_departments (department);

-- ---- the contract views ----

CREATE VIEW IF NOT EXISTS v_sources AS
    SELECT source_id, path, sha256, encoding, ingested_at FROM sources;

CREATE VIEW IF NOT EXISTS v_gazette_issues AS
    SELECT year, issue, total_issue, published_on, source_id FROM gazette_issues;

CREATE VIEW IF NOT EXISTS v_notices AS
    SELECT notice_id, doc_no, issuer, title, issued_on, year, source_id, source_line
    FROM notices;

CREATE VIEW IF NOT EXISTS v_tasks AS
    SELECT t.task_id, n.doc_no, t.year, t.kind, t.category, t.section, t.seq, t.sub_seq,
           t.text, t.source_id, t.source_line
    FROM tasks t JOIN notices n USING (notice_id);

CREATE VIEW IF NOT EXISTS v_task_leaders AS
    SELECT task_id, leader, title FROM task_leaders ORDER BY task_id, position;

CREATE VIEW IF NOT EXISTS v_task_departments AS
    SELECT task_id, position, department, raw_name, role FROM task_departments
    ORDER BY task_id, position;
