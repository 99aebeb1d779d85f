-- jxgov database schema, version 3 (PRAGMA user_version).
-- Version history: 1 = sources, gazette issues, notices, tasks (tests/data/
-- schema_v1.sql); 2 = + district targets, appointments, catalog, duty
-- changes, references, research topics, committee members (tests/data/
-- v2_seeds.sql); 3 = department names and district target items stored
-- once (departments, task_units, districts, target_items, target_values
-- replace task_departments and district_targets; the views are unchanged).
-- Migration: jxgov runs this whole file, in one transaction, on a database of
-- an older version, then moves the rows of the version-2 tables it replaces
-- (src/load.c, migrate_sql) and drops them. Views are dropped and created
-- again, so they always match this file.
-- CHECKs are written as OR chains, not IN lists: SQLite builds an ephemeral
-- table for an IN list on every row it checks. Tables keyed by a composite
-- primary key are WITHOUT ROWID: one b-tree to write per row, not two.
-- Tables are the project's own; the v_* views are the public contract
-- (../shared/contract.md, README.md "Views") and change only with a
-- schema version bump. Every row carries provenance: source_id + line.

CREATE TABLE IF NOT EXISTS sources (
    source_id   INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,              -- as given on the command line
    sha256      TEXT NOT NULL UNIQUE,       -- of the raw bytes: the file's identity
    encoding    TEXT NOT NULL CHECK (encoding = 'UTF-8' OR encoding = 'UTF-8-BOM' OR
                    encoding = 'GB18030' OR encoding = 'UTF-16LE' OR encoding = 'UTF-16BE'),
    bytes       INTEGER NOT NULL,
    lines       INTEGER NOT NULL,
    is_gazette  INTEGER NOT NULL,           -- 1 when the file is a 公报 issue
    ingested_at TEXT NOT NULL
);

-- One row per issue a file carries (concatenated files may carry several).
CREATE TABLE IF NOT EXISTS gazette_issues (
    gazette_id   INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources,
    year         INTEGER,
    issue        TEXT,
    total_issue  TEXT,
    published_on TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS gazette_issues_key
    ON gazette_issues (source_id, coalesce(year, 0), coalesce(issue, ''));

-- One row per document. natural_key is the doc_no, or title|成文 date for
-- the documents that print none. The row's content and provenance come
-- from its preferred source (a standalone document over a gazette reprint,
-- then the smaller sha256), so the load order never changes the result.
CREATE TABLE IF NOT EXISTS notices (
    notice_id   INTEGER PRIMARY KEY,
    natural_key TEXT NOT NULL UNIQUE,
    doc_no      TEXT UNIQUE,
    issuer      TEXT,                       -- NULL: a fragment naming no issuer
    title       TEXT,                       -- NULL: an untitled fragment (a saved list)
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
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS tasks (
    task_id     INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices,
    year        INTEGER,                    -- NULL: a fragment whose headings name no year
    kind        TEXT NOT NULL CHECK (kind = 'key_work' OR kind = 'period' OR
                                      kind = 'livelihood' OR kind = 'special_action'),
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
) WITHOUT ROWID;

-- Canonical department names, each stored once. No index leads from a
-- department to its tasks: one would take a scattered page write per
-- department per file loaded; a query by department reads task_units
-- whole, which takes milliseconds at the size of years of gazettes.
CREATE TABLE IF NOT EXISTS departments (
    dept_id INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE
);

-- The units of a task in printed order (v_task_departments).
CREATE TABLE IF NOT EXISTS task_units (
    task_id  INTEGER NOT NULL REFERENCES tasks ON DELETE CASCADE,
    position INTEGER NOT NULL,
    dept_id  INTEGER NOT NULL REFERENCES departments,
    raw_name TEXT,              -- as printed; NULL when that is the department's name
    lead     INTEGER NOT NULL CHECK (lead = 0 OR lead = 1),
    PRIMARY KEY (task_id, position)
) WITHOUT ROWID;

-- The district columns of a target table; the ids are fixed.
CREATE TABLE IF NOT EXISTS districts (
    district_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
);
INSERT OR IGNORE INTO districts (district_id, name) VALUES
    (0, '全市'), (1, '南湖区'), (2, '秀洲区'), (3, '嘉善县'), (4, '平湖市'), (5, '海盐县'),
    (6, '海宁市'), (7, '桐乡市'), (8, '嘉兴经济技术开发区'), (9, '嘉兴港区'), (10, '市级'),
    (11, '其他');

-- One row per data row of a per-district target table: the item, printed
-- once, whatever the number of district cells it has.
CREATE TABLE IF NOT EXISTS target_items (
    item_id     INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices,
    year        INTEGER NOT NULL,
    item_seq    INTEGER NOT NULL,
    item        TEXT NOT NULL,
    indicator   TEXT,
    unit        TEXT,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL            -- the row's first cell
);
CREATE INDEX IF NOT EXISTS target_items_notice ON target_items (notice_id);

-- One row per non-empty district cell of a target item.
CREATE TABLE IF NOT EXISTS target_values (
    item_id     INTEGER NOT NULL REFERENCES target_items,
    position    INTEGER NOT NULL,           -- the cell's order in its row
    district_id INTEGER NOT NULL REFERENCES districts,
    value_text  TEXT NOT NULL,
    value_num   REAL,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (item_id, position)
) WITHOUT ROWID;

-- 人事任免 entries of a gazette; one row per person and post. The natural
-- key keeps an entry printed in two loaded files once.
CREATE TABLE IF NOT EXISTS appointments (
    appointment_id INTEGER PRIMARY KEY,
    year        INTEGER,
    month       INTEGER,
    action      TEXT NOT NULL CHECK (action = 'appoint' OR action = 'concurrent' OR action = 'remove'),
    person      TEXT NOT NULL,
    post        TEXT NOT NULL,
    note        TEXT,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL
);
-- coalesce: an entry without a month heading is still kept once
CREATE UNIQUE INDEX IF NOT EXISTS appointments_key
    ON appointments (coalesce(year, 0), coalesce(month, 0), action, person, post);

-- 发文目录 entries of a gazette issue.
CREATE TABLE IF NOT EXISTS catalog (
    catalog_id  INTEGER PRIMARY KEY,
    year        INTEGER,
    issue       TEXT,
    doc_no      TEXT NOT NULL,
    title       TEXT NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS catalog_key ON catalog (coalesce(year, 0), coalesce(issue, ''), doc_no);

-- The rows below belong to a notice and follow its preferred source, as tasks do.
CREATE TABLE IF NOT EXISTS leader_duty_changes (
    notice_id   INTEGER NOT NULL REFERENCES notices,
    position    INTEGER NOT NULL,
    leader      TEXT NOT NULL,
    title       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action = 'add' OR action = 'remove' OR action = 'set'),
    relation    TEXT NOT NULL CHECK (relation = 'responsible' OR relation = 'supervises' OR relation = 'liaises'),
    subject     TEXT NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (notice_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS notice_references (
    notice_id    INTEGER NOT NULL REFERENCES notices,
    position     INTEGER NOT NULL,
    cited_doc_no TEXT NOT NULL,
    cited_title  TEXT,
    source_id    INTEGER NOT NULL REFERENCES sources,
    source_line  INTEGER NOT NULL,
    PRIMARY KEY (notice_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS research_topics (
    notice_id   INTEGER NOT NULL REFERENCES notices,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    title       TEXT NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (notice_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS committee_members (
    notice_id   INTEGER NOT NULL REFERENCES notices,
    position    INTEGER NOT NULL,
    role        TEXT NOT NULL,
    person      TEXT NOT NULL,
    affiliation TEXT,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (notice_id, position)
) WITHOUT ROWID;

-- ---- the contract views ----

DROP VIEW IF EXISTS v_sources;
CREATE VIEW v_sources AS
    SELECT source_id, path, sha256, encoding, ingested_at FROM sources;

DROP VIEW IF EXISTS v_gazette_issues;
CREATE VIEW v_gazette_issues AS
    SELECT year, issue, total_issue, published_on, source_id FROM gazette_issues;

DROP VIEW IF EXISTS v_notices;
CREATE VIEW v_notices AS
    SELECT notice_id, doc_no, issuer, title, issued_on, year, source_id, source_line
    FROM notices;

DROP VIEW IF EXISTS v_tasks;
CREATE VIEW v_tasks AS
    SELECT t.task_id, n.doc_no, t.year, t.kind, t.category, t.section, t.seq, t.sub_seq,
           t.text, t.source_id, t.source_line
    FROM tasks t JOIN notices n USING (notice_id);

DROP VIEW IF EXISTS v_task_leaders;
CREATE VIEW v_task_leaders AS
    SELECT task_id, leader, title FROM task_leaders ORDER BY task_id, position;

DROP VIEW IF EXISTS v_task_departments;
CREATE VIEW v_task_departments AS
    SELECT u.task_id, u.position, d.name AS department, coalesce(u.raw_name, d.name) AS raw_name,
           CASE u.lead WHEN 1 THEN 'lead' ELSE 'member' END AS role
    FROM task_units u JOIN departments d USING (dept_id)
    ORDER BY u.task_id, u.position;

DROP VIEW IF EXISTS v_district_targets;
CREATE VIEW v_district_targets AS
    SELECT n.doc_no, i.year, i.item_seq, i.item, i.indicator, i.unit, x.name AS district,
           v.value_text, v.value_num, i.source_id, v.source_line
    FROM target_values v JOIN target_items i USING (item_id) JOIN districts x USING (district_id)
         JOIN notices n ON n.notice_id = i.notice_id;

DROP VIEW IF EXISTS v_appointments;
CREATE VIEW v_appointments AS
    SELECT year, month, action, person, post, note, source_id, source_line FROM appointments;

-- notice_id: the notice row when any loaded source carries the body.
DROP VIEW IF EXISTS v_catalog;
CREATE VIEW v_catalog AS
    SELECT c.year, c.issue, c.doc_no, c.title, n.notice_id
    FROM catalog c LEFT JOIN notices n ON n.doc_no = c.doc_no;

DROP VIEW IF EXISTS v_leader_duty_changes;
CREATE VIEW v_leader_duty_changes AS
    SELECT n.doc_no, l.leader, l.title, l.action, l.relation, l.subject
    FROM leader_duty_changes l JOIN notices n USING (notice_id)
    ORDER BY l.notice_id, l.position;

DROP VIEW IF EXISTS v_references;
CREATE VIEW v_references AS
    SELECT notice_id, cited_doc_no, cited_title, source_id, source_line FROM notice_references;

DROP VIEW IF EXISTS v_research_topics;
CREATE VIEW v_research_topics AS
    SELECT year, seq, title FROM research_topics;

DROP VIEW IF EXISTS v_committee_members;
CREATE VIEW v_committee_members AS
    SELECT n.doc_no, m.role, m.person, m.affiliation
    FROM committee_members m JOIN notices n USING (notice_id)
    ORDER BY m.notice_id, m.position;
