-- jxgov database schema, version 4 (PRAGMA user_version).
-- Version history: 1 = sources, gazette issues, notices, tasks (tests/data/
-- schema_v1.sql); 2 = + district targets, appointments, catalog, duty
-- changes, references, research topics, committee members (tests/data/
-- v2_seeds.sql); 3 = department names and district target items stored
-- once (departments, task_units, districts, target_items, target_values
-- replace task_departments and district_targets; the views are unchanged);
-- 4 = notice_id on every per-notice view, governments, notice bodies, leader
-- lines, co-led tasks, target items linked to tasks, the department catalogue
-- (dept_catalog, dept_names from data/departments.tsv), the full-text table
-- search; no view sorts (an ORDER BY in a view stops SQLite flattening it).
-- Migration: jxgov adds the columns this version gives older tables
-- (src/load.c, migrate_cols), runs this whole file, in one transaction, on a
-- database of an older version, then moves the rows of the version-2 tables
-- it replaces (migrate_sql) and drops them, and fills what version 4 derives
-- from the rows already stored. A file loaded by an older version is
-- extracted again when it is ingested again (sources.extractor). Views are dropped and created
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
    ingested_at TEXT NOT NULL,
    extractor   INTEGER                     -- schema version whose parser read it; NULL: before 4
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
-- the documents that print none (a copy printing none of a document that
-- prints one is that document when it is the only one, see copies). The
-- row's content and provenance come from its preferred copy (the one with
-- more tasks, then a standalone document over a gazette reprint, then the
-- smaller sha256), so the load order never changes the result.
CREATE TABLE IF NOT EXISTS notices (
    notice_id   INTEGER PRIMARY KEY,
    natural_key TEXT NOT NULL UNIQUE,
    doc_no      TEXT UNIQUE,
    issuer      TEXT,                       -- NULL: a fragment naming no issuer
    title       TEXT,                       -- NULL: an untitled fragment (a saved list)
    issued_on   TEXT,
    year        INTEGER,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL,
    government  TEXT                        -- 嘉兴市, 平湖市 …
);

-- A notice's body, beside its row rather than in it: bodies are most of a
-- notice's bytes, and in the row they left a page or more to each notice,
-- so that a join onto notices from many rows (a search's hits, a year's
-- tasks) read a page a notice.
CREATE TABLE IF NOT EXISTS notice_bodies (
    notice_id   INTEGER PRIMARY KEY REFERENCES notices,
    body        TEXT,                       -- folded text, paragraphs joined with \n
    indexed     TEXT                        -- per body paragraph: 1 when search holds it, 0 (a list's)
);

-- A copy printing no doc_no finds the notice of its title and date that
-- prints one (load.c) without a scan per notice.
CREATE INDEX IF NOT EXISTS notices_title ON notices (title, issued_on);

-- Every source a notice was printed in.
CREATE TABLE IF NOT EXISTS notice_sources (
    notice_id   INTEGER NOT NULL REFERENCES notices,
    source_id   INTEGER NOT NULL REFERENCES sources,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (notice_id, source_id)
) WITHOUT ROWID;

-- Every copy of a notice (load.c): per file, the key it prints (its doc_no,
-- or title|成文 date when it prints none), its own title and date, whether it
-- prints a doc_no and how many tasks it carries. Which copies are one notice
-- is decided from these rows alone, so from the set of files loaded, never
-- from their order: the copies of one doc_no are one notice; the copies that
-- print none join the one doc_no whose copies print their title and date,
-- and stay a notice of their own when none or several do.
CREATE TABLE IF NOT EXISTS copies (
    source_id INTEGER NOT NULL REFERENCES sources,
    copy_key  TEXT NOT NULL,
    notice_id INTEGER NOT NULL REFERENCES notices,
    title     TEXT,
    issued_on TEXT,
    numbered  INTEGER NOT NULL,
    tasks     INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    PRIMARY KEY (source_id, copy_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS copies_key ON copies (copy_key);
-- the doc_nos that print a title and date
CREATE INDEX IF NOT EXISTS copies_claim ON copies (title, issued_on, copy_key) WHERE numbered = 1;
-- the copies of a notice, and of each kind (load.c)
CREATE INDEX IF NOT EXISTS copies_notice ON copies (notice_id, numbered);

-- The decoded lines of each file that prints the preferred copy of its key
-- (its doc_no, or its title and date) in a notice other than an untitled
-- fragment's: a copy of another key may join that notice and be preferred,
-- and the copies of a key printing no doc_no leave it again when a second
-- doc_no of their title and date is loaded; the rows of each side's
-- preferred copy are then read again from here (the rows stored are one
-- copy's), never from a file that may be gone or changed by then. Kept from
-- a file's load, gone in the transaction that makes its copies no longer
-- preferred (load.c keep_texts). lines: per line, its number and text, each
-- ended by a NUL.
CREATE TABLE IF NOT EXISTS held_texts (
    source_id INTEGER PRIMARY KEY REFERENCES sources,
    lines     BLOB NOT NULL
);

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
-- The tasks of a year and kind (WHERE year = 2026 AND kind = 'livelihood')
-- without reading every task: see README "Performance" for its load cost.
CREATE INDEX IF NOT EXISTS tasks_year ON tasks (year, kind);

CREATE TABLE IF NOT EXISTS task_leaders (
    task_id  INTEGER NOT NULL REFERENCES tasks ON DELETE CASCADE,
    position INTEGER NOT NULL,
    leader   TEXT NOT NULL,
    title    TEXT,
    source_line INTEGER,        -- the line naming this leader (NULL: loaded before schema 4)
    PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS task_leaders_leader ON task_leaders (leader);

-- Canonical department names, each stored once. No index leads from a
-- department to its tasks: one would take a scattered page write per
-- department per file loaded; a query by department reads task_units
-- whole, which takes milliseconds at the size of years of gazettes.
CREATE TABLE IF NOT EXISTS departments (
    dept_id INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE
);

-- The department catalogue, data/departments.tsv as this jxgov embeds it:
-- rewritten whole when the binary's table differs from the one stored
-- (meta 'departments.tsv' holds its SHA-256). dept_names maps every printed
-- form (the canonical name included) to its canonical name.
CREATE TABLE IF NOT EXISTS dept_catalog (
    name       TEXT NOT NULL,
    government TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind = 'department' OR kind = 'district_government' OR
                                    kind = 'collective' OR kind = 'enterprise' OR kind = 'other'),
    successor  TEXT,
    aliases    TEXT,
    PRIMARY KEY (name, government)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dept_names (
    name      TEXT PRIMARY KEY,
    canonical TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

-- Counts the writer keeps as it adds and deletes a notice's rows (load.c
-- tally), so that a count over the whole database reads one row per group
-- and not one per task: the views v_task_counts, v_leader_counts,
-- v_department_counts and v_department_totals read them, v_departments'
-- years too. Per government
-- ('' for none), work year (0 for none: a fragment's tasks) and kind: the
-- tasks; per leader and title ('' for none) too: the task_leaders rows; per
-- unit and role (lead 1 or 0) too: the task_units rows, and the same per
-- unit, government and role alone (all years: a count per unit reads one
-- row, not one a year). A group whose count falls to 0 is deleted. dept_years was the third before it had kinds and
-- roles.
DROP TABLE IF EXISTS dept_years;
CREATE TABLE IF NOT EXISTS tally_tasks (
    government TEXT NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (government, year, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tally_leaders (
    leader     TEXT NOT NULL,
    title      TEXT NOT NULL,
    government TEXT NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (leader, title, government, year, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tally_units (
    dept_id    INTEGER NOT NULL REFERENCES departments,
    government TEXT NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    lead       INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (dept_id, government, year, kind, lead)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tally_unit_totals (
    dept_id    INTEGER NOT NULL REFERENCES departments,
    government TEXT NOT NULL,
    lead       INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (dept_id, government, lead)
) WITHOUT ROWID;

-- The units of a task in printed order (v_task_departments).
CREATE TABLE IF NOT EXISTS task_units (
    task_id  INTEGER NOT NULL REFERENCES tasks ON DELETE CASCADE,
    position INTEGER NOT NULL,
    dept_id  INTEGER NOT NULL REFERENCES departments,
    raw_name TEXT,              -- as printed; NULL when that is the department's name
    lead     INTEGER NOT NULL CHECK (lead = 0 OR lead = 1),
    PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
-- From a department to its tasks (all tasks one department leads; a count
-- per department): see README "Performance" for what it costs a load.
CREATE INDEX IF NOT EXISTS task_units_dept ON task_units (dept_id, lead);

-- The district columns of a target table; the ids are fixed. Its rows are
-- data/districts.tsv's: the build appends their INSERT to this schema.
CREATE TABLE IF NOT EXISTS districts (
    district_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
);

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
    source_line INTEGER NOT NULL,           -- the row's first cell
    task_id     INTEGER                     -- the task the item measures, or NULL
);
-- A notice's items, and one item of it by its 序号 (a district's cell beside
-- the 全市 cell of the same item, README "v_district_targets"); it replaces
-- target_items_notice (notice_id), which it serves as well.
DROP INDEX IF EXISTS target_items_notice;
CREATE INDEX IF NOT EXISTS target_items_seq ON target_items (notice_id, item_seq, indicator);
-- The items of a year (海宁市's targets in 2024 and 2025) without reading
-- every cell: see README "Performance" for its load cost.
CREATE INDEX IF NOT EXISTS target_items_year ON target_items (year);

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

-- Full-text index over task texts (rowid = task_id) and the paragraphs of
-- notice bodies that are not list items (rowid = -(notice_id * 2^20 +
-- paragraph), so a notice's rows are one rowid range to delete).
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    text, kind UNINDEXED, ref_id UNINDEXED, notice_id UNINDEXED, tokenize = 'trigram');

-- ---- the contract views ----
-- A column that comes from a row always there (a task's notice, a unit's
-- government) is a scalar subquery, not a join: SQLite evaluates it only
-- when the query reads the column, so a count of one department's tasks
-- reads the index task_units_dept alone (it keeps a join, even a LEFT JOIN
-- on a primary key, whatever the query reads).

DROP VIEW IF EXISTS v_sources;
CREATE VIEW v_sources AS
    SELECT source_id, path, sha256, encoding, ingested_at FROM sources;

DROP VIEW IF EXISTS v_gazette_issues;
CREATE VIEW v_gazette_issues AS
    SELECT year, issue, total_issue, published_on, source_id FROM gazette_issues;

DROP VIEW IF EXISTS v_notices;
CREATE VIEW v_notices AS
    SELECT n.notice_id, n.doc_no, n.issuer, n.title, n.issued_on, n.year, n.government,
           (SELECT b.body FROM notice_bodies b WHERE b.notice_id = n.notice_id) AS body, n.source_id, n.source_line
    FROM notices n;

DROP VIEW IF EXISTS v_notice_sources;
CREATE VIEW v_notice_sources AS
    SELECT s.notice_id, s.source_id, s.source_line, (s.source_id = n.source_id) AS preferred
    FROM notice_sources s JOIN notices n USING (notice_id);

DROP VIEW IF EXISTS v_tasks;
CREATE VIEW v_tasks AS
    SELECT t.task_id, t.notice_id, (SELECT doc_no FROM notices n WHERE n.notice_id = t.notice_id) AS doc_no,
           t.year, t.kind, t.category, t.section, t.seq, t.sub_seq, t.text, t.source_id, t.source_line
    FROM tasks t;

DROP VIEW IF EXISTS v_task_leaders;
CREATE VIEW v_task_leaders AS
    SELECT task_id, leader, title AS leader_title, source_line FROM task_leaders;

DROP VIEW IF EXISTS v_task_departments;
CREATE VIEW v_task_departments AS
    SELECT u.task_id, u.position, d.name AS department, coalesce(u.raw_name, d.name) AS raw_name,
           CASE u.lead WHEN 1 THEN 'lead' ELSE 'member' END AS role,
           (SELECT n.government FROM tasks t JOIN notices n ON n.notice_id = t.notice_id
            WHERE t.task_id = u.task_id) AS government
    FROM task_units u JOIN departments d USING (dept_id);

-- Every unit of the catalogue, and every other unit a task names (kind
-- other); years from the tasks that name it. Each year is a min() or max()
-- over tally_units' key (dept_id, government, year, ...), which SQLite
-- answers by one seek; the units' governments are found the same way, one
-- seek each (pairs): tally_units has rows per unit, year, kind and role, and
-- grouping it whole took 110 ms on the 4x corpus of make bench (as
-- dept_years, by year alone), on every query of this view. Year 0 is no year.
DROP VIEW IF EXISTS v_departments;
CREATE VIEW v_departments AS
    WITH RECURSIVE pairs (dept_id, government) AS (
        SELECT dept_id, (SELECT min(government) FROM tally_units y WHERE y.dept_id = d.dept_id)
        FROM departments d
        UNION ALL
        SELECT p.dept_id, (SELECT min(government) FROM tally_units y
                           WHERE y.dept_id = p.dept_id AND y.government > p.government)
        FROM pairs p WHERE p.government IS NOT NULL),
    used AS (
        SELECT d.name AS department, nullif(p.government, '') AS government,
               (SELECT min(year) FROM tally_units y
                WHERE y.dept_id = p.dept_id AND y.government = p.government AND y.year > 0) AS first_year,
               (SELECT max(year) FROM tally_units y
                WHERE y.dept_id = p.dept_id AND y.government = p.government AND y.year > 0) AS last_year
        FROM pairs p JOIN departments d USING (dept_id) WHERE p.government IS NOT NULL)
    SELECT c.name AS department, c.government, c.kind, c.successor, c.aliases,
           (SELECT min(year) FROM tally_units y
            WHERE y.dept_id = (SELECT dept_id FROM departments WHERE name = c.name)
              AND y.government = c.government AND y.year > 0) AS first_year,
           (SELECT max(year) FROM tally_units y
            WHERE y.dept_id = (SELECT dept_id FROM departments WHERE name = c.name)
              AND y.government = c.government AND y.year > 0) AS last_year
    FROM dept_catalog c
    UNION ALL
    SELECT u.department, u.government, 'other', NULL, NULL, u.first_year, u.last_year
    FROM used u
    WHERE u.first_year IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM dept_catalog c WHERE c.name = u.department AND c.government IS u.government);

DROP VIEW IF EXISTS v_district_targets;
CREATE VIEW v_district_targets AS
    SELECT i.notice_id, (SELECT doc_no FROM notices n WHERE n.notice_id = i.notice_id) AS doc_no, i.year,
           i.task_id, i.item_seq, i.item, i.indicator, i.unit, x.name AS district, v.value_text, v.value_num,
           i.source_id, v.source_line
    FROM target_values v JOIN target_items i USING (item_id) JOIN districts x USING (district_id);

DROP VIEW IF EXISTS v_appointments;
CREATE VIEW v_appointments AS
    SELECT year, month, action, person, post, note, source_id, source_line FROM appointments;

-- notice_id: the notice row when any loaded source carries the body.
DROP VIEW IF EXISTS v_catalog;
CREATE VIEW v_catalog AS
    SELECT c.year, c.issue, c.doc_no, c.title, n.notice_id
    FROM catalog c LEFT JOIN notices n ON n.doc_no = c.doc_no;

-- department: a subject that is a unit (分管, 联系 name units; 负责 names
-- areas) by its canonical name: the printed form, or the form before its
-- bracketed alternate (市司法局（市行政复议局）), looked up in dept_names;
-- a unit the catalogue does not know stays as printed, as in
-- v_task_departments.
DROP VIEW IF EXISTS v_leader_duty_changes;
CREATE VIEW v_leader_duty_changes AS
    SELECT n.doc_no, l.leader, l.title AS leader_title, l.action, l.relation, l.subject,
           CASE WHEN l.relation <> 'responsible' THEN
               coalesce((SELECT canonical FROM dept_names WHERE name = l.subject),
                        (SELECT canonical FROM dept_names
                         WHERE name = substr(l.subject, 1, instr(l.subject, '（') - 1)),
                        l.subject) END AS department,
           l.notice_id, l.source_line
    FROM leader_duty_changes l JOIN notices n USING (notice_id);

DROP VIEW IF EXISTS v_references;
CREATE VIEW v_references AS
    SELECT notice_id, cited_doc_no, cited_title, source_id, source_line FROM notice_references;

DROP VIEW IF EXISTS v_research_topics;
CREATE VIEW v_research_topics AS
    SELECT year, seq, title, notice_id FROM research_topics;

-- department: the affiliation (a leading note such as （兼） dropped) by the
-- same lookup; NULL when the catalogue does not know it (an affiliation may
-- be a post rather than a unit).
DROP VIEW IF EXISTS v_committee_members;
CREATE VIEW v_committee_members AS
    SELECT n.doc_no, m.role, m.person, m.affiliation,
           coalesce((SELECT canonical FROM dept_names WHERE name = m.unit),
                    (SELECT canonical FROM dept_names WHERE name = substr(m.unit, 1, instr(m.unit, '（') - 1)))
               AS department,
           m.notice_id
    FROM (SELECT notice_id, position, role, person, affiliation,
                 CASE WHEN affiliation LIKE '（%' THEN substr(affiliation, instr(affiliation, '）') + 1)
                      ELSE affiliation END AS unit
          FROM committee_members) m
         JOIN notices n USING (notice_id);

-- Counts over the whole database, kept by the writer (the tally tables):
-- each reads one row per group, so that a count per year, leader or unit
-- answers in milliseconds however many tasks are loaded, where a GROUP BY
-- over the views reads every row. jxgov's own views, beside the contract's;
-- each count is the count(*) of the rows of the views named, per group.
-- tasks: v_tasks rows, per government of the notice, work year and kind.
DROP VIEW IF EXISTS v_task_counts;
CREATE VIEW v_task_counts AS
    SELECT nullif(government, '') AS government, nullif(year, 0) AS year, kind, n AS tasks
    FROM tally_tasks;

-- tasks: v_task_leaders rows (joined to v_tasks), per leader and title too.
DROP VIEW IF EXISTS v_leader_counts;
CREATE VIEW v_leader_counts AS
    SELECT leader, nullif(title, '') AS leader_title, nullif(government, '') AS government,
           nullif(year, 0) AS year, kind, n AS tasks
    FROM tally_leaders;

-- tasks: v_task_departments rows (joined to v_tasks), per department and role too.
DROP VIEW IF EXISTS v_department_counts;
CREATE VIEW v_department_counts AS
    SELECT d.name AS department, nullif(u.government, '') AS government, nullif(u.year, 0) AS year,
           u.kind, CASE u.lead WHEN 1 THEN 'lead' ELSE 'member' END AS role, u.n AS tasks
    FROM tally_units u JOIN departments d USING (dept_id);

-- tasks: v_task_departments rows, per department, government and role, all
-- years together (the sum of v_department_counts over them, one row).
DROP VIEW IF EXISTS v_department_totals;
CREATE VIEW v_department_totals AS
    SELECT d.name AS department, nullif(u.government, '') AS government,
           CASE u.lead WHEN 1 THEN 'lead' ELSE 'member' END AS role, u.n AS tasks
    FROM tally_unit_totals u JOIN departments d USING (dept_id);
