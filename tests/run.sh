#!/bin/sh
# run.sh: end-to-end tests of the jxgov binary ($JXGOV, default ./jxgov).
# Golden files (tests/golden/*.tsv) hold rows read by hand from the seeds;
# every other case states the exact message and exit code it expects.
# Closes with "N passed, M failed" and exits non-zero on any failure.
set -u
JXGOV=${JXGOV:-./jxgov}
PERTURB=${PERTURB:-build/perturb}
here=$(cd "$(dirname "$0")" && pwd)
seeds=$here/../data/samples
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
export LC_ALL=C.UTF-8

summary_re='^jxgov: [0-9][0-9]* files*: '
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
strip() { grep -v '^#' "$1" | grep -v '^$' | LC_ALL=C sort; }
dump() { sh "$here/dump.sh" "$@"; }
# the view sets of tests/dump.sh: all of them, those of a gazette's own
all_sets=$(dump --sets all) own_sets=$(dump --sets own)

# expect_rows NAME GOLDEN ACTUAL-FILE
expect_rows() {
    if strip "$2" | diff - "$3" > "$T/diff"; then ok
    else bad "$1: rows differ from $(basename "$2") (< expected, > actual)"; head -n 20 "$T/diff"; fi
}
# expect_same NAME A B
expect_same() {
    if diff "$2" "$3" > "$T/diff"; then ok
    else bad "$1"; head -n 20 "$T/diff"; fi
}
# expect_run NAME EXPECTED-STATUS EXPECTED-STDERR-FILE-OR-- CMD...
expect_run() {
    name=$1 want=$2 errfile=$3
    shift 3
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" != "$want" ]; then bad "$name: exit $got, want $want"; sed 's/^/  stderr: /' "$T/err" | head -5; return; fi
    # The summary line ends every run; cases that do not state it (the
    # cases of tests/cases/cli do, exactly) compare the lines before it.
    if [ "$errfile" != "-" ] && ! grep -q "$summary_re" "$errfile"; then
        grep -av "$summary_re" "$T/err" > "$T/err.body"; mv "$T/err.body" "$T/err"
    fi
    if [ "$errfile" != "-" ] && ! diff "$errfile" "$T/err" > "$T/diff"; then
        bad "$name: stderr differs"; cat "$T/diff"; return
    fi
    ok
}
ingest() { db=$1; shift; "$JXGOV" ingest -q --db "$db" "$@" 2> /dev/null; }
# expect_cols NAME DB VIEWSET NCOLS GOLDEN...: the first NCOLS columns of a
# dump against the same columns of one or more golden files together
expect_cols() {
    name=$1 db=$2 view=$3 ncols=$4
    shift 4
    for g; do strip "$g"; done | cut -f1-"$ncols" | LC_ALL=C sort > "$T/want.cols"
    dump "$db" "$view" | cut -f1-"$ncols" > "$T/got.cols"
    expect_same "$name" "$T/want.cols" "$T/got.cols"
}
s000=$seeds/000_579fc0f89e3fdae6.txt
s001=$seeds/001_7cb9772be1b5a87c.txt
s002=$seeds/002_0205caf75a6fd2f6.txt
s003=$seeds/003_9685d99865090974.txt

# ---- golden: all five seeds in one database ----
ingest "$T/all.db" "$seeds"/*.txt
dump "$T/all.db" notices > "$T/notices"; expect_rows "notices" "$here/golden/notices.tsv" "$T/notices"
dump "$T/all.db" gazette_issues > "$T/gi"; expect_rows "gazette issues" "$here/golden/gazette_issues.tsv" "$T/gi"
dump "$T/all.db" tasks '%/000_%' > "$T/t000"; expect_rows "tasks of 000" "$here/golden/tasks_000.tsv" "$T/t000"
for s in 002 003 004; do
    dump "$T/all.db" tasks "%/${s}_%" > "$T/t$s"; expect_rows "tasks of $s" "$here/golden/tasks_$s.tsv" "$T/t$s"
done
for s in 000 003; do
    dump "$T/all.db" targets "%/${s}_%" > "$T/d$s"
    expect_rows "district targets of $s" "$here/golden/district_targets_$s.tsv" "$T/d$s"
done
for v in $own_sets; do
    dump "$T/all.db" $v > "$T/$v"; expect_rows "$v" "$here/golden/$v.tsv" "$T/$v"
done
n=$(sqlite3 "$T/all.db" "SELECT count(*) FROM v_district_targets WHERE source_id IN (SELECT source_id FROM v_sources WHERE path GLOB '*/00[124]_*')")
[ "$n" = 0 ] && ok || bad "only 000 and 003 carry target tables (got $n other rows)"
n=$(sqlite3 "$T/all.db" "SELECT count(*) FROM v_tasks WHERE source_id = (SELECT source_id FROM v_sources WHERE path LIKE '%/001_%')")
[ "$n" = 0 ] && ok || bad "the reprint in 001 must not add tasks of its own (got $n)"
n=$(sqlite3 "$T/all.db" "SELECT count(*) FROM notice_sources")
[ "$n" = 16 ] && ok || bad "notice_sources: want 16 (15 notices + the reprint), got $n"

# ---- the reprint alone, and load order ----
ingest "$T/r.db" "$s001"
dump "$T/r.db" tasks > "$T/t001"; expect_rows "tasks of the reprint alone" "$here/golden/tasks_001.tsv" "$T/t001"
ingest "$T/ab.db" "$s000" "$s001"; ingest "$T/ba.db" "$s001" "$s000"
for db in ab ba; do
    dump "$T/$db.db" tasks > "$T/$db.tasks"
    sqlite3 "$T/$db.db" "SELECT n.doc_no, n.title, s.path, n.source_line FROM v_notices n JOIN v_sources s USING (source_id)" | sort > "$T/$db.prov"
done
expect_same "load order 000,001 vs 001,000: tasks" "$T/ab.tasks" "$T/ba.tasks"
expect_same "load order 000,001 vs 001,000: notice provenance" "$T/ab.prov" "$T/ba.prov"
expect_rows "reprint loaded after the standalone" "$here/golden/tasks_000.tsv" "$T/ba.tasks"

# ---- encodings: same rows from every supported encoding ----
for s in 000 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    iconv -f UTF-8 -t GB18030 "$src" > "$T/$s.gb18030"
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$src"; } > "$T/$s.utf16le"
    { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$src"; } > "$T/$s.utf16be"
    iconv -f UTF-8 -t UTF-16LE "$src" > "$T/$s.utf16lenobom"
    iconv -f UTF-8 -t UTF-16BE "$src" > "$T/$s.utf16benobom"
    { printf '\357\273\277'; sed 's/$/\r/' "$src"; } > "$T/$s.bomcrlf"
    tr '\n' '\r' < "$src" > "$T/$s.cr"
    for enc in gb18030:GB18030 utf16le:UTF-16LE utf16be:UTF-16BE utf16lenobom:UTF-16LE utf16benobom:UTF-16BE \
               bomcrlf:UTF-8-BOM cr:UTF-8; do
        f=${enc%%:*} name=${enc#*:}
        rm -f "$T/e.db"
        ingest "$T/e.db" "$T/$s.$f"
        dump "$T/e.db" tasks > "$T/e.tasks"
        expect_rows "$s as $f: tasks" "$here/golden/tasks_$s.tsv" "$T/e.tasks"
        if [ -f "$here/golden/district_targets_$s.tsv" ]; then
            dump "$T/e.db" targets > "$T/e.targets"
            expect_rows "$s as $f: targets" "$here/golden/district_targets_$s.tsv" "$T/e.targets"
        fi
        got=$(sqlite3 "$T/e.db" "SELECT encoding FROM v_sources")
        [ "$got" = "$name" ] && ok || bad "$s as $f: encoding '$got', want '$name'"
    done
    rm -f "$T/e.db"; ingest "$T/e.db" "$T/$s.gb18030"
    dump "$T/e.db" notices > "$T/e.notices"
    dump "$T/all.db" notices "%/${s}_%" > "$T/o.notices"
    expect_same "$s as GB18030: notices" "$T/o.notices" "$T/e.notices"
done

# the gazettes' other contents, from a UTF-16LE copy and from a PDF-wrapped one
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$s001"; } > "$T/g001.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$s002"; } > "$T/g002.txt"
for variant in utf16 wrap; do
    rm -f "$T/g.db"
    if [ $variant = utf16 ]; then ingest "$T/g.db" "$seeds"/000_*.txt "$T/g001.txt" "$T/g002.txt" "$seeds"/003_*.txt "$seeds"/004_*.txt
    else
        $PERTURB wrap 30 "$s001" > "$T/w001.txt"; $PERTURB wrap 30 "$s002" > "$T/w002.txt"
        ingest "$T/g.db" "$seeds"/000_*.txt "$T/w001.txt" "$T/w002.txt" "$seeds"/003_*.txt "$seeds"/004_*.txt
    fi
    # citations whose title or doc_no a wrap splits are still found (lines differ)
    for v in $own_sets; do
        expect_cols "$v from the $variant copies" "$T/g.db" $v $(dump --cols $v) "$here/golden/$v.tsv"
    done
done

# ---- layouts: PDF hard wraps with page footers, punctuation width, digits ----
for s in 000 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    case $s in
    000|002) modes='wrap:30 wrap:24 halfwidth fullwidth noblank' ;;
    003) modes='wrap:30 halfwidth fullwidth noblank' ;;
    004) modes='wrap:30 halfwidth fullwidth noblank' ;;
    esac
    for mode in $modes; do
        mode=$(echo "$mode" | tr ':' ' ')
        $PERTURB $mode "$src" > "$T/p.txt"
        rm -f "$T/p.db"; ingest "$T/p.db" "$T/p.txt"
        dump "$T/p.db" tasks > "$T/p.tasks"
        expect_rows "$s $mode: tasks" "$here/golden/tasks_$s.tsv" "$T/p.tasks"
        n=$(sqlite3 "$T/p.db" "SELECT count(*) FROM v_notices WHERE issued_on IS NOT NULL")
        want=$([ $s = 002 ] && echo 7 || echo 1)
        [ "$n" = "$want" ] && ok || bad "$s $mode: $n notices with a date, want $want"
    done
done
# A web-page export: paragraphs indented with full-width spaces, no blank
# lines, the site's header and footer around the text.
for s in 000 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    { printf '首页 > 信息公开 > 政府文件\n发布日期：2025-02-20  来源：市政府办公室\n【字体：大 中 小】 打印本页 关闭窗口\n'
      $PERTURB noblank "$src" | sed 's/^\([^\t]\)/　　\1/'
      printf '【打印本页】【关闭窗口】\n主办：嘉兴市人民政府办公室\n'; } > "$T/web.txt"
    rm -f "$T/w.db"; ingest "$T/w.db" "$T/web.txt"
    dump "$T/w.db" tasks > "$T/w.tasks"
    expect_rows "$s as a web-page export: tasks" "$here/golden/tasks_$s.tsv" "$T/w.tasks"
    if [ -f "$here/golden/district_targets_$s.tsv" ]; then
        dump "$T/w.db" targets > "$T/w.targets"
        expect_rows "$s as a web-page export: targets" "$here/golden/district_targets_$s.tsv" "$T/w.targets"
    fi
done

# All five files concatenated with cat (002 lacks a final newline, so its
# last line and 003's first are one line): every view as from five files.
cat "$seeds"/*.txt > "$T/all5.txt"
rm -f "$T/c5.db"; ingest "$T/c5.db" "$T/all5.txt"
dump "$T/c5.db" notices > "$T/c5.notices"; expect_rows "five files as one: notices" "$here/golden/notices.tsv" "$T/c5.notices"
G=$here/golden
expect_cols "five files as one: two gazette issues" "$T/c5.db" gazette_issues 4 "$G/gazette_issues.tsv"
expect_cols "five files as one: tasks" "$T/c5.db" tasks 10 "$G/tasks_000.tsv" "$G/tasks_002.tsv" "$G/tasks_003.tsv" "$G/tasks_004.tsv"
expect_cols "five files as one: targets" "$T/c5.db" targets 9 "$G/district_targets_000.tsv" "$G/district_targets_003.tsv"
for v in $own_sets; do
    expect_cols "five files as one: $v" "$T/c5.db" $v $(dump --cols $v) "$G/$v.tsv"
done
# each notice's body as from its own file: the next issue's masthead (嘉兴市
# 人民政府公报, GAZETTE OF…, 第 03 期, 目 录) ends the notice before it
rm -f "$T/s5.db"; ingest "$T/s5.db" "$seeds"/*.txt
bodies='SELECT coalesce(doc_no, title), body FROM v_notices ORDER BY 1, 2'
if [ "$(sqlite3 "$T/c5.db" "$bodies")" = "$(sqlite3 "$T/s5.db" "$bodies")" ]; then ok
else bad "five files as one: notice bodies differ from five files'"; fi
# the same in reverse order: 001's reprint of 嘉政办发〔2025〕3号 (no district
# annex, 2 words apart) now comes before 000's standalone copy, which is
# still the one whose rows load (the same tasks, and not inside a gazette)
for s in 004 003 002 001 000; do cat "$seeds"/${s}_*.txt; echo; done > "$T/rev5.txt"
rm -f "$T/r5.db"; ingest "$T/r5.db" "$T/rev5.txt"
dump "$T/r5.db" notices > "$T/r5.notices"; expect_rows "five files as one, reversed: notices" "$G/notices.tsv" "$T/r5.notices"
expect_cols "five files as one, reversed: tasks" "$T/r5.db" tasks 10 "$G/tasks_000.tsv" "$G/tasks_002.tsv" "$G/tasks_003.tsv" "$G/tasks_004.tsv"
expect_cols "five files as one, reversed: targets" "$T/r5.db" targets 9 "$G/district_targets_000.tsv" "$G/district_targets_003.tsv"
if [ "$(sqlite3 "$T/r5.db" "$bodies")" = "$(sqlite3 "$T/s5.db" "$bodies")" ]; then ok
else bad "five files as one, reversed: notice bodies differ from five files'"; fi

# Files concatenated: the second copy of 嘉政办发〔2025〕3号 adds nothing.
cat "$s000" "$s001" "$s002" > "$T/cat.txt"
rm -f "$T/c.db"; ingest "$T/c.db" "$T/cat.txt"
n=$(sqlite3 "$T/c.db" "SELECT count(*) FROM v_notices")
[ "$n" = 13 ] && ok || bad "concatenated 000+001+002: $n notices, want 13"
expect_cols "concatenated 000+001+002: tasks" "$T/c.db" tasks 10 "$G/tasks_000.tsv" "$G/tasks_002.tsv"

# ---- -j: the same output and the same rows with worker threads ----
rm -f "$T/j1.db" "$T/j2.db"
"$JXGOV" ingest -v -j 1 --db "$T/j1.db" "$seeds"/*.txt "$T/nope.txt" 2>&1 | sed 's/; [0-9.]* s$//' > "$T/j1.err"
"$JXGOV" ingest -v -j 3 --db "$T/j2.db" "$seeds"/*.txt "$T/nope.txt" 2>&1 | sed 's/; [0-9.]* s$//' > "$T/j2.err"
expect_same "-j 3 prints what -j 1 prints" "$T/j1.err" "$T/j2.err"
for v in $all_sets; do
    dump "$T/j1.db" $v > "$T/j1.$v"; dump "$T/j2.db" $v > "$T/j2.$v"
    expect_same "-j 3 loads the same $v" "$T/j1.$v" "$T/j2.$v"
done
expect_run "-j without a number" 2 - "$JXGOV" ingest -j x "$s000"

# ---- re-runs change nothing ----
sqlite3 "$T/all.db" .dump > "$T/before"
"$JXGOV" ingest -v --db "$T/all.db" "$seeds"/*.txt 2> "$T/err"; st=$?
sqlite3 "$T/all.db" .dump > "$T/after"
expect_same "re-ingest leaves the database byte-for-byte" "$T/before" "$T/after"
[ $st = 0 ] && [ "$(grep -c ': unchanged$' "$T/err")" = 5 ] && ok || bad "re-ingest: want 5 'unchanged' lines and exit 0"

# ---- bad inputs: one clear line, exit 1, nothing written, others still load ----
mkdir "$T/dir"; : > "$T/empty.txt"
printf 'abc\000def' > "$T/nul.txt"
printf 'ab\200\377cd' > "$T/junk.txt"
printf '\377\376a\000b' > "$T/odd16.txt"
printf '\377\376\000\334' > "$T/lone16.txt"
printf '\357\273\277ok\377' > "$T/badbom.txt"
for c in "nope.txt|cannot open: No such file or directory" "dir|no *.txt files in this directory (-r: its subdirectories too)" \
         "empty.txt|empty file" "nul.txt|binary file: NUL byte at byte 3" \
         "junk.txt|not valid UTF-8 (byte 2) nor GB18030 (byte 2)" \
         "odd16.txt|truncated UTF-16LE: odd byte count at byte 4" \
         "lone16.txt|invalid UTF-16LE sequence at byte 2" \
         "badbom.txt|invalid UTF-8 after a UTF-8 BOM at byte 5"; do
    f=${c%%|*} msg=${c#*|}
    cp "$T/all.db" "$T/b.db"; rm -f "$T/b.db-wal" "$T/b.db-shm"
    sqlite3 "$T/b.db" .dump > "$T/b.before"
    printf '%s: error: %s\n%s: loaded, 1 notice, 0 tasks\n' "$T/$f" "$msg" "$T/x.txt" > "$T/want"
    sed 's/3号/93号/' "$seeds/000_579fc0f89e3fdae6.txt" | head -n 24 > "$T/x.txt"
    expect_run "bad input $f" 1 "$T/want" "$JXGOV" ingest -v --db "$T/b.db" "$T/$f" "$T/x.txt"
    n=$(sqlite3 "$T/b.db" "SELECT count(*) FROM v_sources WHERE path = '$T/$f'")
    [ "$n" = 0 ] && ok || bad "bad input $f left a source row"
done

# ---- a database error inside a file rolls the whole file back ----
cp "$T/r.db" "$T/roll.db"; rm -f "$T/roll.db-wal" "$T/roll.db-shm"
sqlite3 -bail "$T/roll.db" "CREATE TRIGGER boom BEFORE INSERT ON task_units WHEN NEW.position = 3 BEGIN SELECT RAISE(ABORT, 'boom'); END;"
sqlite3 "$T/roll.db" .dump > "$T/roll.before"
printf '%s: error: database: boom\n' "$s002" > "$T/want"
expect_run "database error mid-file" 3 "$T/want" "$JXGOV" ingest -q --db "$T/roll.db" "$s002"
sqlite3 "$T/roll.db" .dump > "$T/roll.after"
expect_same "database error mid-file leaves the database as it was" "$T/roll.before" "$T/roll.after"

# ---- a database error stops the run: the files after it are not loaded ----
mkdir -p "$T/bad"; cp "$s002" "$T/bad/002.txt"
rm -f "$T/mid.db"*; "$JXGOV" ingest -q --db "$T/mid.db" "$s000" 2> /dev/null
sqlite3 -bail "$T/mid.db" "CREATE TRIGGER boom BEFORE INSERT ON task_units WHEN NEW.position = 2 AND
    (SELECT path FROM sources ORDER BY source_id DESC LIMIT 1) LIKE '%/bad/%' BEGIN SELECT RAISE(ABORT, 'boom'); END;"
printf '%s: error: database: boom\n' "$T/bad/002.txt" > "$T/want"
expect_run "a database error stops the run" 3 "$T/want" "$JXGOV" ingest -q --db "$T/mid.db" "$T/bad/002.txt" "$s002"
n=$(sqlite3 "$T/mid.db" "SELECT count(*) FROM sources")
[ "$n" = 1 ] && ok || bad "after a database error: $n sources, want 1"

# ---- ids near the top of the range: refused, never chosen at random ----
rm -f "$T/ids.db"*; "$JXGOV" ingest -q --db "$T/ids.db" "$s000" 2> /dev/null
sqlite3 "$T/ids.db" "INSERT INTO tasks (task_id, notice_id, year, kind, seq, text, source_id, source_line)
    VALUES (9223372036854775000, 1, 2025, 'key_work', 1, 'x', 1, 1)"
printf '%s: error: database: task ids are exhausted (the largest is near 2^63)\n' "$s002" > "$T/want"
expect_run "task ids near 2^63" 3 "$T/want" "$JXGOV" ingest -q --db "$T/ids.db" "$s002"

# ---- migration from schema 2: same view rows as a fresh database ----
# A file an older version loaded is extracted again when ingested again,
# its tasks taking new ids: rows are compared with each task_id written as
# the task's place in its source (source_id/line/sub_seq).
view_rows() {
    tk="(SELECT source_id || '/' || source_line || '/' || sub_seq FROM tasks WHERE task_id = x.task_id)"
    case $2 in
    v_tasks) q="SELECT $tk, notice_id, doc_no, year, kind, category, section, seq, sub_seq, text, source_id, source_line FROM v_tasks x" ;;
    v_task_leaders) q="SELECT $tk, leader, leader_title, source_line FROM v_task_leaders x" ;;
    v_task_departments) q="SELECT $tk, position, department, raw_name, role, government FROM v_task_departments x" ;;
    v_district_targets) q="SELECT $tk, notice_id, doc_no, year, item_seq, item, indicator, unit, district, value_text, value_num, source_id, source_line FROM v_district_targets x" ;;
    search) q="SELECT kind, CASE kind WHEN 'task' THEN (SELECT source_id || '/' || source_line || '/' || sub_seq FROM tasks WHERE task_id = ref_id) ELSE ref_id END, notice_id, text FROM search" ;;
    *) q="SELECT * FROM $2" ;;
    esac
    sqlite3 "$1" "$q" | LC_ALL=C sort
}
rm -f "$T/v2.db"*
sqlite3 -bail "$T/v2.db" < "$here/data/v2_seeds.sql" && sqlite3 "$T/v2.db" "PRAGMA user_version = 2"
jx_abs=$(cd "$(dirname "$JXGOV")" && pwd)/$(basename "$JXGOV")
( cd "$here/.." && "$jx_abs" ingest -q --db "$T/v2.db" data/samples/*.txt 2> /dev/null &&
  rm -f "$T/v3.db"* && "$jx_abs" ingest -q --db "$T/v3.db" data/samples/*.txt 2> /dev/null )
n=$(sqlite3 "$T/v2.db" "PRAGMA user_version; PRAGMA integrity_check; SELECT count(*) FROM sqlite_schema
    WHERE name IN ('task_departments', 'district_targets')" | tr '\n' ' ')
[ "$n" = "4 ok 0 " ] && ok || bad "version-2 database migrated to 4: got '$n'"
# every view (v_sources, whose times differ, below) and the search index
for v in $(sqlite3 "$T/v3.db" "SELECT name FROM sqlite_schema WHERE type = 'view' AND name <> 'v_sources' ORDER BY name") search; do
    view_rows "$T/v2.db" $v > "$T/m2.$v"
    view_rows "$T/v3.db" $v > "$T/m3.$v"
    [ -s "$T/m3.$v" ] && ok || bad "migration: fresh $v is empty"
    expect_same "migration from schema 2: $v" "$T/m3.$v" "$T/m2.$v"
done
sqlite3 "$T/v2.db" "SELECT source_id, path, sha256, encoding FROM v_sources" > "$T/m2.src"
sqlite3 "$T/v3.db" "SELECT source_id, path, sha256, encoding FROM v_sources" > "$T/m3.src"
expect_same "migration from schema 2: v_sources" "$T/m3.src" "$T/m2.src"

# ---- database refusals ----
rm -f "$T/new.db"; sqlite3 "$T/new.db" "PRAGMA user_version = 99"
printf 'jxgov: %s: database schema version 99 is newer than this jxgov (4)\n' "$T/new.db" > "$T/want"
expect_run "newer schema refused" 3 "$T/want" "$JXGOV" ingest --db "$T/new.db" "$s000"
printf 'not a database, just text that is long enough to fill a header page......................\n' > "$T/corrupt.db"
expect_run "corrupt database refused" 3 - "$JXGOV" ingest --db "$T/corrupt.db" "$s000"

# ---- command line ----
expect_run "no arguments" 2 - "$JXGOV"
expect_run "unknown command" 2 - "$JXGOV" frobnicate
expect_run "ingest without files" 2 - "$JXGOV" ingest --db "$T/u.db"
expect_run "unknown option" 2 - "$JXGOV" ingest --frob "$s000"
expect_run "--help" 0 - "$JXGOV" --help
grep -q '3 *database error' "$T/out" && ok || bad "--help must document the exit codes"
expect_run "ingest --help" 0 - "$JXGOV" ingest --help
grep -q -- '--db=PATH' "$T/out" && ok || bad "ingest --help must document --db"
expect_run "--version" 0 - "$JXGOV" --version
grep -q '^jxgov [0-9]' "$T/out" && ok || bad "--version output"

# ---- check: the arithmetic of the target tables, reported with file and line ----
printf '%s:719: warning: item 23 幸福河湖示范项目: 10 values for 11 district columns, read from the left\n%s:719: warning: item 23 幸福河湖示范项目: districts sum to 6, 全市 is 7\n%s: UTF-8, 1 notice, 164 tasks, 2 warnings\n' "$s000" "$s000" "$s000" > "$T/want"
expect_run "check reports the 2025 annex row that does not add up" 0 "$T/want" "$JXGOV" check "$s000"
printf '%s:1231: warning: item 27: districts sum to 0, 全市 is 10\n%s: UTF-8, 1 notice, 158 tasks, 1 warning\n' "$s003" "$s003" > "$T/want"
expect_run "check reports the 2024 table row that does not add up" 0 "$T/want" "$JXGOV" check "$s003"
printf '%s:1181: warning: catalog title of 嘉政发〔2025〕3号 differs from the title of its body (line 103)\n%s: UTF-8, 6 notices, 164 tasks, 1 warning\n' "$s001" "$s001" > "$T/want"
expect_run "check reports a catalog title that differs from its body" 0 "$T/want" "$JXGOV" check "$s001"

# ---- check: parse only, warnings with file and line (tests/cases/unknown_dept) ----
case_file=$here/cases/unknown_dept.txt
"$JXGOV" check "$case_file" 2> /dev/null
[ ! -e jxgov.db ] || [ jxgov.db -ot "$T/want" ] && ok || bad "check must not write a database"
rm -f "$T/k.db"; ingest "$T/k.db" "$case_file"
got=$(sqlite3 "$T/k.db" "SELECT group_concat(department || ':' || raw_name || ':' || role, ' ') FROM (SELECT * FROM v_task_departments ORDER BY task_id, position)")
want='市火星局:市火星局:lead 市财政局:市财政局:member 市红十字会:市红十字会:lead 市卫生健康委:市卫生健康委:member 南湖区政府:南湖区:member 秀洲区政府:秀洲区政府:member'
[ "$got" = "$want" ] && ok || bad "unknown_dept departments: got '$got'"

# ---- README examples run (documentation cannot drift) ----
if [ -f "$here/../README.md" ]; then
    awk '/^```sql/{f=1; next} /^```/{f=0} f' "$here/../README.md" > "$T/readme.sql"
    if sqlite3 -bail "$T/all.db" < "$T/readme.sql" > "$T/readme.out" 2> "$T/readme.err" && [ ! -s "$T/readme.err" ]; then ok
    else bad "README.md example queries fail:"; head -5 "$T/readme.err"; fi
fi

# ---- out of memory: its own message and exit status, nothing written ----
# The plain build: the sanitizers' shadow memory cannot run under ulimit -v.
awk 'BEGIN { for (i = 0; i < 400000; i++) print "嘉兴市人民政府关于测试的通知测试测试测试测试测试测试测试测试测试" }' > "$T/big.txt"
printf 'jxgov: error: out of memory\n' > "$T/want"
rm -f "$T/oom.db"*
expect_run "out of memory" 4 "$T/want" sh -c 'ulimit -v 60000; exec "$0" ingest -q --db "$1" "$2"' "$here/../jxgov" "$T/oom.db" "$T/big.txt"
n=$(sqlite3 "$T/oom.db" "SELECT count(*) FROM sqlite_master WHERE name = 'sources'" 2> /dev/null || echo 0)
m=$(sqlite3 "$T/oom.db" "SELECT count(*) FROM v_sources" 2> /dev/null || echo 0)
[ "$m" = 0 ] && ok || bad "out of memory: the failing file must not be written ($n, $m)"

. "$here/schema4.sh"
. "$here/plans.sh"
. "$here/hostile.sh"
. "$here/tables.sh"
. "$here/review.sh"
. "$here/cases.sh"
. "$here/holes.sh"
. "$here/orders.sh"
. "$here/cli.sh"

printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" = 0 ]
