# schema4.sh: the schema-4 views (issue 14) beyond the data-driven cases
# of tests/cases/schema4, sourced by run.sh after the golden tests; uses its
# helpers and $T/all.db (the five seeds), $T/ab.db and $T/ba.db (000 and
# 001 in both orders).

# the README's query for the districts that do not add up lists the rows check reports
awk '/^-- rows whose districts do not add up/{f=1} f && /^```/{exit} f' "$here/../README.md" > "$T/s4.q"
sqlite3 -batch -nullvalue NULL "$T/all.db" < "$T/s4.q" | LC_ALL=C sort > "$T/s4.out"
printf '2024|27|NULL|0|10.0\n2025|23|幸福河湖示范项目|6.0|7.0\n' > "$T/s4.want"
expect_same "README: districts that do not add up, as check reports them" "$T/s4.want" "$T/s4.out"

# an annex item whose text no task carries: NULL, and a warning naming it
sed '702s/改造提升人行横道500处以上/新建城市书房10家/' "$s000" > "$T/s4unmatched.txt"
printf '%s:702: warning: item 13 新建城市书房10家: no task of this notice matches its text\n' "$T/s4unmatched.txt" > "$T/want"
"$JXGOV" check "$T/s4unmatched.txt" 2> "$T/s4.err"; grep 'no task' "$T/s4.err" > "$T/s4.got"
expect_same "check names an item no task matches" "$T/want" "$T/s4.got"
rm -f "$T/s4u.db"; ingest "$T/s4u.db" "$T/s4unmatched.txt"
n=$(sqlite3 "$T/s4u.db" "SELECT count(DISTINCT item_seq) FROM v_district_targets WHERE task_id IS NULL")
[ "$n" = 1 ] && ok || bad "an unmatched item has a NULL task_id (got $n items)"

# load order: the search rows, bodies, leaders' lines and department years of 000
# loaded after its reprint (which it replaces)
ids_free() {
    sqlite3 "$1" "SELECT s.kind, n.natural_key, coalesce(t.source_line || '/' || t.sub_seq, ''), s.text
                  FROM search s JOIN notices n ON n.notice_id = s.notice_id
                  LEFT JOIN tasks t ON s.kind = 'task' AND t.task_id = s.ref_id;
                  SELECT t.source_line, t.sub_seq, l.leader, l.leader_title, l.source_line
                  FROM v_task_leaders l JOIN v_tasks t USING (task_id);
                  SELECT doc_no, government, body FROM v_notices;
                  SELECT * FROM v_departments" | LC_ALL=C sort
}
ids_free "$T/ab.db" > "$T/ab.s4"; ids_free "$T/ba.db" > "$T/ba.s4"
[ -s "$T/ab.s4" ] && ok || bad "load order: nothing to compare"
expect_same "load order 000,001 vs 001,000: search, leaders, bodies, departments" "$T/ab.s4" "$T/ba.s4"
n=$(sqlite3 "$T/ba.db" "SELECT (SELECT count(*) FROM search WHERE kind = 'task') - (SELECT count(*) FROM tasks)")
[ "$n" = 0 ] && ok || bad "a replaced notice leaves $n stale task rows in search"

# a bulk load without the search index, then the index built afterwards:
# the same rows as a load that keeps it in step
rm -f "$T/ns.db"*
"$JXGOV" ingest -q --no-search --db "$T/ns.db" "$seeds"/*.txt 2> /dev/null
n=$(sqlite3 "$T/ns.db" "SELECT count(*) FROM search; SELECT value FROM meta WHERE key = 'search'" | tr '\n' ' ')
[ "$n" = "0 incomplete " ] && ok || bad "ingest --no-search: want an empty index marked incomplete, got '$n'"
printf '%s: indexed %s rows\n' "$T/ns.db" "$(sqlite3 "$T/all.db" "SELECT count(*) FROM search")" > "$T/want"
expect_run "index builds the search table" 0 "$T/want" "$JXGOV" index --db "$T/ns.db"
for db in all ns; do sqlite3 "$T/$db.db" "SELECT rowid, * FROM search; SELECT count(*) FROM meta WHERE key = 'search'" | LC_ALL=C sort > "$T/$db.search"; done
expect_same "ingest --no-search + index: the search rows of an ingest" "$T/all.search" "$T/ns.search"
expect_run "index --help" 0 - "$JXGOV" index --help
expect_run "index with an unknown argument" 2 - "$JXGOV" index --frob

# ---- migration from schema 3 (tests/data/v3_seeds.sql: the samples as the
# schema-3 jxgov loaded them), in place: first opened (jxgov index reads
# no input), then the samples ingested again, which extracts them again
rm -f "$T/s3.db"*
sqlite3 -bail "$T/s3.db" < "$here/data/v3_seeds.sql" && sqlite3 "$T/s3.db" "PRAGMA user_version = 3"
s3rows="SELECT doc_no, year, kind, category, section, seq, sub_seq, text, source_id, source_line FROM v_tasks;
        SELECT doc_no, year, item_seq, item, indicator, unit, district, value_text, value_num, source_line FROM v_district_targets;
        SELECT task_id, position, department, raw_name, role FROM v_task_departments;
        SELECT doc_no, leader, action, relation, subject FROM v_leader_duty_changes"
sqlite3 "$T/s3.db" "$s3rows" | LC_ALL=C sort > "$T/s3.before"
"$JXGOV" index --db "$T/s3.db" > /dev/null 2>&1
n=$(sqlite3 "$T/s3.db" "PRAGMA user_version; PRAGMA integrity_check; SELECT count(*) FROM sqlite_schema
    WHERE name IN ('tasks_year', 'v_notice_sources', 'dept_years', 'search');
    SELECT first_year || '-' || last_year FROM v_departments WHERE department = '市数据局'" | tr '\n' ' ')
[ "$n" = "4 ok 4 2025-2026 " ] && ok || bad "version-3 database migrated to 4: got '$n'"
sqlite3 "$T/s3.db" "$s3rows" | LC_ALL=C sort > "$T/s3.after"
[ -s "$T/s3.before" ] && ok || bad "migration from schema 3: nothing to compare"
expect_same "migration from schema 3: the rows stay as stored" "$T/s3.before" "$T/s3.after"
( cd "$here/.." && "$jx_abs" ingest -q --db "$T/s3.db" data/samples/*.txt 2> /dev/null )
for v in v_gazette_issues v_notices v_notice_sources v_tasks v_task_leaders v_task_departments v_departments \
         v_district_targets v_appointments v_catalog v_leader_duty_changes v_references v_research_topics \
         v_committee_members search; do
    view_rows "$T/s3.db" $v > "$T/s3.$v"
    view_rows "$T/v3.db" $v > "$T/f3.$v"    # the fresh load of the schema-2 test
    [ -s "$T/f3.$v" ] && ok || bad "migration from schema 3: fresh $v is empty"
    expect_same "migration from schema 3, samples ingested again: $v" "$T/f3.$v" "$T/s3.$v"
done

# a database of this version whose schema.sql is another build's (one of
# main before tasks_year, say) gets this one's indexes and views when opened;
# a database whose schema.sql is this one's is not written to on open
rm -f "$T/s4old.db"*; ingest "$T/s4old.db" "$s003"
sqlite3 "$T/s4old.db" "DROP INDEX tasks_year; DROP VIEW v_departments; UPDATE meta SET value = 'x' WHERE key = 'embedded'"
ingest "$T/s4old.db" "$s003"
n=$(sqlite3 "$T/s4old.db" "SELECT count(*) FROM sqlite_schema WHERE name IN ('tasks_year', 'v_departments')")
[ "$n" = 2 ] && ok || bad "a database of another build's schema.sql: want tasks_year and v_departments back, got $n"
sqlite3 "$T/s4old.db" "DROP INDEX tasks_year"
ingest "$T/s4old.db" "$s003"
n=$(sqlite3 "$T/s4old.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_year'")
[ "$n" = 0 ] && ok || bad "a database of this schema.sql: opening it ran schema.sql again"

# the README's two-character search finds 托育 (printed in 000, 001, 002 and
# 003); LIKE '%托育%' on the trigram table found nothing
awk '/^-- two characters:/{f=1; next} f && /^```/{exit} f' "$here/../README.md" > "$T/s4.q"
n=$(sqlite3 -batch "$T/all.db" < "$T/s4.q" | grep -c '托育')
[ "$n" -gt 0 ] && ok || bad "README: the two-character search finds no row"
