# schema4.sh: the schema-4 views (issue 14) beyond the data-driven cases
# of tests/cases/schema4, sourced by run.sh after the golden tests; uses its
# helpers and $T/all.db (the five seeds), $T/ab.db and $T/ba.db (000 and
# 001 in both orders).

# the README's query for the districts that do not add up lists the rows check reports
awk '/^-- the 2024 and 2025 rows whose districts do not add up/{f=1} f && /^```/{exit} f' "$here/../README.md" > "$T/s4.q"
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
    WHERE name IN ('tasks_year', 'v_notice_sources', 'tally_units', 'search');
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

# ---- the counts the writer keeps (v_task_counts, v_leader_counts,
# v_department_counts) ----
# the five seeds: the counts of the hand-read golden tasks of the four lists
# in all.db (000 and its reprint 001 are one notice)
grep -hv '^#' "$here"/golden/tasks_00[0234].tsv | awk -F'\t' -v T="$T" '
    { n++; t["嘉兴市|" $2 "|" $3]++
      k = split($8, ls, "|")
      for (i = 1; i <= k && $8 != "NULL"; i++) { split(ls[i], p, "/"); g = p[1] "|" p[2] "|嘉兴市|" $2 "|" $3
          l[g]++ }
      k = split($9, us, "|")
      for (i = 1; i <= k && $9 != "NULL"; i++) { u = us[i]; r = "member"; if (u ~ /^\+/) { r = "lead"; u = substr(u, 2) }
          g = u "|嘉兴市|" $2 "|" $3 "|" r; d[g]++ } }
    END { for (g in t) print g "|" t[g] > (T "/tc.want"); for (g in l) print g "|" l[g] > (T "/lc.want")
          for (g in d) print g "|" d[g] > (T "/dc.want") }'
# the totals: each unit's counts over its years and kinds
awk -F'|' '{ n[$1 "|" $2 "|" $5] += $6 } END { for (g in n) print g "|" n[g] }' "$T/dc.want" > "$T/du.want"
for w in tc lc dc du; do LC_ALL=C sort -o "$T/$w.want" "$T/$w.want"; done
sqlite3 -nullvalue NULL "$T/all.db" "SELECT * FROM v_task_counts" | LC_ALL=C sort > "$T/tc.got"
sqlite3 -nullvalue NULL "$T/all.db" "SELECT * FROM v_leader_counts" | LC_ALL=C sort > "$T/lc.got"
sqlite3 -nullvalue NULL "$T/all.db" "SELECT * FROM v_department_counts" | LC_ALL=C sort > "$T/dc.got"
sqlite3 -nullvalue NULL "$T/all.db" "SELECT * FROM v_department_totals" | LC_ALL=C sort > "$T/du.got"
expect_same "v_task_counts of the seeds: the golden tasks counted" "$T/tc.want" "$T/tc.got"
expect_same "v_leader_counts of the seeds: the golden tasks counted" "$T/lc.want" "$T/lc.got"
expect_same "v_department_counts of the seeds: the golden tasks counted" "$T/dc.want" "$T/dc.got"
expect_same "v_department_totals of the seeds: the golden tasks counted" "$T/du.want" "$T/du.got"
# in any database, each count is what the contract's views give, and no
# group is left at 0: the seeds; both orders of 000 and its reprint (the
# second loaded replaces or is replaced: rows dropped); every case input in
# one database with the seeds (other governments, fragments without a
# year, co-led tasks)
tally_diff() {    # DB: the rows where a count and its views disagree
    sqlite3 -nullvalue NULL "$1" "
    SELECT 'tasks', * FROM (SELECT * FROM v_task_counts EXCEPT
        SELECT n.government, t.year, t.kind, count(*) FROM v_tasks t JOIN v_notices n USING (notice_id) GROUP BY 1, 2, 3);
    SELECT 'tasks view', * FROM (SELECT n.government, t.year, t.kind, count(*) FROM v_tasks t
        JOIN v_notices n USING (notice_id) GROUP BY 1, 2, 3 EXCEPT SELECT * FROM v_task_counts);
    SELECT 'leaders', * FROM (SELECT * FROM v_leader_counts EXCEPT
        SELECT l.leader, l.leader_title, n.government, t.year, t.kind, count(*)
        FROM v_task_leaders l JOIN v_tasks t USING (task_id) JOIN v_notices n USING (notice_id) GROUP BY 1, 2, 3, 4, 5);
    SELECT 'leaders view', * FROM (SELECT l.leader, l.leader_title, n.government, t.year, t.kind, count(*)
        FROM v_task_leaders l JOIN v_tasks t USING (task_id) JOIN v_notices n USING (notice_id) GROUP BY 1, 2, 3, 4, 5
        EXCEPT SELECT * FROM v_leader_counts);
    SELECT 'units', * FROM (SELECT * FROM v_department_counts EXCEPT
        SELECT d.department, d.government, t.year, t.kind, d.role, count(*)
        FROM v_task_departments d JOIN v_tasks t USING (task_id) GROUP BY 1, 2, 3, 4, 5);
    SELECT 'units view', * FROM (SELECT d.department, d.government, t.year, t.kind, d.role, count(*)
        FROM v_task_departments d JOIN v_tasks t USING (task_id) GROUP BY 1, 2, 3, 4, 5
        EXCEPT SELECT * FROM v_department_counts);
    SELECT 'totals', * FROM (SELECT * FROM v_department_totals EXCEPT
        SELECT department, government, role, count(*) FROM v_task_departments GROUP BY 1, 2, 3);
    SELECT 'totals view', * FROM (SELECT department, government, role, count(*) FROM v_task_departments
        GROUP BY 1, 2, 3 EXCEPT SELECT * FROM v_department_totals);
    SELECT 'zero', z FROM (SELECT (SELECT count(*) FROM tally_tasks WHERE n <= 0) + (SELECT count(*) FROM tally_leaders WHERE n <= 0)
        + (SELECT count(*) FROM tally_units WHERE n <= 0) + (SELECT count(*) FROM tally_unit_totals WHERE n <= 0) AS z)
        WHERE z > 0"
}
rm -f "$T/tcases.db"*
"$JXGOV" ingest -q --no-search --db "$T/tcases.db" "$seeds"/*.txt $(find "$here/cases" -name '*.txt' | LC_ALL=C sort) 2> /dev/null
n=$(sqlite3 "$T/tcases.db" "SELECT count(DISTINCT government) || ' ' || count(*) FROM v_tasks JOIN v_notices USING (notice_id)")
[ "${n%% *}" -gt 3 ] && [ "${n#* }" -gt 700 ] && ok || bad "the case inputs in one database: want several governments and many tasks, got '$n'"
for db in all ab ba tcases; do
    tally_diff "$T/$db.db" > "$T/tally.$db"
    expect_same "the counts of $db.db are its views' counts" /dev/null "$T/tally.$db"
done
# a changed copy of 000 with one task more replaces the notice's rows: the
# counts follow, and 李军's 2025 group, now empty, goes (section 一 is
# 张三's, and gains an item of a unit of its own)
awk 'NR == 27 { sub(/李军市长/, "张三副市长") } { print } NR == 39 { print "\n4. 新建测试项目一个。\n\n责任单位：市测试局" }' \
    "$s000" > "$T/tchanged.txt"
cp "$T/all.db" "$T/tch.db"; ingest "$T/tch.db" "$T/tchanged.txt"
tally_diff "$T/tch.db" > "$T/tally.tch"
expect_same "the counts after a notice's rows are replaced are its views' counts" /dev/null "$T/tally.tch"
n=$(sqlite3 "$T/tch.db" "SELECT (SELECT count(*) FROM v_leader_counts WHERE leader = '李军' AND year = 2025)
    || ' ' || (SELECT sum(tasks) FROM v_leader_counts WHERE leader = '张三') || ' '
    || (SELECT group_concat(role || tasks) FROM v_department_counts WHERE department = '市测试局')")
[ "$n" = "0 4 lead1" ] && ok || bad "a replaced notice's counts: want 李军 gone from 2025, 张三 4, 市测试局 lead1, got '$n'"
# a database written by a jxgov with another schema.sql (as one that kept
# dept_years and no counts): the counts are made from its rows when opened
cp "$T/all.db" "$T/tmig.db"
sqlite3 "$T/tmig.db" "DELETE FROM tally_tasks; DELETE FROM tally_leaders; UPDATE tally_units SET n = n + 1;
    DELETE FROM tally_unit_totals;
    UPDATE meta SET value = 'x' WHERE key = 'embedded'"
"$JXGOV" index --db "$T/tmig.db" > /dev/null 2>&1
for v in v_task_counts v_leader_counts v_department_counts v_department_totals v_departments; do
    sqlite3 "$T/all.db" "SELECT * FROM $v" | LC_ALL=C sort > "$T/tmig.want"
    sqlite3 "$T/tmig.db" "SELECT * FROM $v" | LC_ALL=C sort > "$T/tmig.got"
    expect_same "another build's database opened: $v made again from the rows" "$T/tmig.want" "$T/tmig.got"
done

# a database of a jxgov that kept each body in its notice's row (before
# notice_bodies): opened, the bodies move beside the rows, every view reads
# as before, and the other tables still reference notices
every_view() {
    for v in $(sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name"); do
        echo "== $v"; sqlite3 -batch -nullvalue NULL "$1" "SELECT * FROM $v" |
            sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g' | LC_ALL=C sort
    done
}
cp "$T/all.db" "$T/rowbody.db"
sqlite3 "$T/rowbody.db" "ALTER TABLE notices ADD COLUMN body TEXT; ALTER TABLE notices ADD COLUMN indexed TEXT;
    UPDATE notices SET body = (SELECT body FROM notice_bodies b WHERE b.notice_id = notices.notice_id),
        indexed = (SELECT indexed FROM notice_bodies b WHERE b.notice_id = notices.notice_id);
    DROP VIEW v_notices; DROP TABLE notice_bodies;
    CREATE VIEW v_notices AS SELECT notice_id, doc_no, issuer, title, issued_on, year, government, body,
        source_id, source_line FROM notices;
    UPDATE meta SET value = 'x' WHERE key = 'embedded'"
"$JXGOV" index --db "$T/rowbody.db" > /dev/null 2>&1
every_view "$T/all.db" > "$T/rowbody.want"; every_view "$T/rowbody.db" > "$T/rowbody.got"
expect_same "bodies kept in the notices' rows moved beside them: every view as before" "$T/rowbody.want" "$T/rowbody.got"
n=$(sqlite3 "$T/rowbody.db" "SELECT (SELECT count(*) FROM pragma_table_info('notices') WHERE name IN ('body', 'indexed'))
    || ' ' || (SELECT count(*) FROM notice_bodies WHERE body IS NOT NULL) || '/' || (SELECT count(*) FROM notices)
    || ' ' || (SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%notices_with_bodies%' OR name = 'notices_with_bodies')
    || ' ' || (SELECT count(*) FROM sqlite_schema WHERE name = 'notices_title')")
[ "$n" = "0 15/15 0 1" ] && ok ||
    bad "bodies moved: want no body column, 15 bodies of 15 notices, nothing naming the old table, notices_title; got '$n'"
cp "$T/all.db" "$T/rowbody.ref"
ingest "$T/rowbody.db" "$T/tchanged.txt"; ingest "$T/rowbody.ref" "$T/tchanged.txt"
every_view "$T/rowbody.ref" > "$T/rowbody.want"; every_view "$T/rowbody.db" > "$T/rowbody.got"
expect_same "bodies moved, then a notice's copy replaced: every view as in a database made so" "$T/rowbody.want" "$T/rowbody.got"

# the README's two-character search finds 托育 (printed in 000, 001, 002 and
# 003); LIKE '%托育%' on the trigram table found nothing
awk '/^-- two characters:/{f=1; next} f && /^```/{exit} f' "$here/../README.md" > "$T/s4.q"
n=$(sqlite3 -batch "$T/all.db" < "$T/s4.q" | grep -c '托育')
[ "$n" -gt 0 ] && ok || bad "README: the two-character search finds no row"
