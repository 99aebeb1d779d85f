# hostile.sh: sourced by run.sh. Inputs built to break the tool, each with
# the exact line and exit status it must give; plus crash safety (SIGKILL),
# two writers at once, and database errors. Uses run.sh's helpers.

head_notice() {   # a minimal notice with a list heading; $1 = doc_no number
    printf '嘉兴市人民政府办公室关于印发测试工作责任分解的通知\n\n嘉政办发〔2031〕%s号\n\n' "$1"
    printf '各县（市、区）人民政府，市级有关部门（单位）：\n\n现印发给你们。\n\n嘉兴市人民政府办公室\n2031年1月2日\n\n'
    printf '2031 年政府工作报告重点工作责任分解\n\n一、李军市长牵头重点工作\n\n'
}
H=$T/hostile
mkdir -p "$H"

# expect_ingest NAME FILE STATUS STDERR-LINE...: a fresh database each time
expect_ingest() {
    name=$1 file=$2 want=$3
    shift 3
    printf '%s\n' "$@" > "$T/want"
    rm -f "$H/h.db" "$H/h.db-wal" "$H/h.db-shm"
    expect_run "$name" "$want" "$T/want" "$JXGOV" ingest -v --db "$H/h.db" "$file"
}

# ---- decoding ----
printf '嘉兴市人民政府\345\230' > "$H/trunc.txt"
expect_ingest "truncated multi-byte sequence at the end" "$H/trunc.txt" 1 \
    "$H/trunc.txt: error: truncated UTF-8 sequence at byte 21 (end of file)"
printf '嘉兴市人民政府\300\257公报\n' > "$H/overlong.txt"
expect_ingest "overlong UTF-8 after UTF-8 text" "$H/overlong.txt" 1 \
    "$H/overlong.txt: error: invalid UTF-8 at byte 21 after UTF-8 text (damaged or mixed encodings)"
# GB18030 whose first characters happen to be valid 2-byte UTF-8 (说 = C B5 B5)
printf '说明：本文件嘉兴市\n' | iconv -f UTF-8 -t GB18030 > "$H/gbfirst.txt"
expect_ingest "GB18030 starting with characters that look like UTF-8" "$H/gbfirst.txt" 0 \
    "$H/gbfirst.txt: warning: no document found (no title followed by a salutation)" \
    "$H/gbfirst.txt: loaded, 0 notices, 0 tasks"
n=$(sqlite3 "$H/h.db" "SELECT encoding FROM v_sources")
[ "$n" = GB18030 ] && ok || bad "GB18030 starting with UTF-8 lookalikes read as '$n'"
{ cat "$s000"; printf '嘉兴市人民政府公报\n' | iconv -f UTF-8 -t GB18030; } > "$H/mixed.txt"
expect_ingest "mixed encodings in one file" "$H/mixed.txt" 1 \
    "$H/mixed.txt: error: invalid UTF-8 at byte $(wc -c < "$s000") after UTF-8 text (damaged or mixed encodings)"
{ printf '\377\376'; cat "$s000"; } > "$H/liebom.txt"
expect_ingest "a UTF-16 BOM in front of UTF-8 text" "$H/liebom.txt" 1 \
    "$H/liebom.txt: error: not UTF-16LE text despite its byte-order mark (no line breaks)"
head -c 209715200 /dev/zero | tr '\0' 'a' > "$H/longline.txt"
expect_ingest "a 200 MB line with no newline" "$H/longline.txt" 1 \
    "$H/longline.txt: error: file larger than the 64 MiB limit"
rm -f "$H/longline.txt"
awk 'BEGIN { for (i = 0; i < 1000001; i++) print "x" }' > "$H/lines.txt"
expect_ingest "more lines than the cap" "$H/lines.txt" 1 \
    "$H/lines.txt: error: more than 1000000 lines that are not blank (line 1000001)"
{ cat "$s000"; head -c 10000000 /dev/zero | tr '\0' '\n'; } > "$H/empty.txt"
expect_ingest "10 million empty lines after a notice" "$H/empty.txt" 0 \
    "$H/empty.txt:719: warning: item 23 幸福河湖示范项目: 10 values for 11 district columns, read from the left" \
    "$H/empty.txt:719: warning: item 23 幸福河湖示范项目: districts sum to 6, 全市 is 7" \
    "$H/empty.txt: loaded, 1 notice, 164 tasks"
rm -f "$H/empty.txt" "$H/lines.txt"
head -c 100000 /dev/zero | tr '\0' '\t' > "$H/tabs.txt"
expect_ingest "a file of only tabs" "$H/tabs.txt" 0 \
    "$H/tabs.txt: warning: no document found (no title followed by a salutation)" \
    "$H/tabs.txt: loaded, 0 notices, 0 tasks"
expect_ingest "the process's own memory (read error)" /proc/self/mem 1 \
    "/proc/self/mem: error: read error: Input/output error"

# ---- structure ----
{ head_notice 1; printf '序号'; i=0; while [ $i -lt 499 ]; do printf '\t列%d' $i; i=$((i + 1)); done; printf '\n1\t甲\n'; } > "$H/cols.txt"
expect_ingest "a table with 500 columns" "$H/cols.txt" 0 \
    "$H/cols.txt:16: warning: table with more than 64 columns skipped" \
    "$H/cols.txt: loaded, 1 notice, 0 tasks"
{ head_notice 2; printf '1. 第一项。\n\n责任单位：市财政局\n\n9223372036854775808. 溢出的编号。\n\n责任单位：市科技局\n'; } > "$H/big.txt"
expect_ingest "an item numbered past 2^63" "$H/big.txt" 0 "$H/big.txt: loaded, 1 notice, 1 task"
n=$(sqlite3 "$H/h.db" "SELECT text FROM v_tasks")
# not an item number (19 digits): prose after the list, which ends the list
[ "$n" = "第一项。" ] && ok || bad "2^63 item: text '$n'"
{ printf '嘉兴市人民政府办公室关于印发测试的通知\n\n嘉政办发〔2031 3号\n\n'
  printf '各县（市、区）人民政府，市级有关部门（单位）：\n\n正文。\n\n嘉兴市人民政府办公室\n2031年1月2日\n'; } > "$H/open.txt"
expect_ingest "doc_no brackets never closed" "$H/open.txt" 0 "$H/open.txt: loaded, 1 notice, 0 tasks"
n=$(sqlite3 -nullvalue NULL "$H/h.db" "SELECT doc_no || '|' || issued_on FROM v_notices")
[ "$n" = "NULL" ] && ok || bad "unclosed doc_no: got '$n', want a notice without doc_no"
{ head_notice 3; printf '1. 第一项。\n\n责任单位：'; i=0; while [ $i -lt 100000 ]; do printf '市财政局、'; i=$((i + 1)); done; printf '市科技局\n'; } > "$H/units.txt"
expect_ingest "a department list of 100 000 units" "$H/units.txt" 0 "$H/units.txt: loaded, 1 notice, 1 task"
n=$(sqlite3 "$H/h.db" "SELECT count(*) || '|' || sum(role = 'lead') FROM v_task_departments")
[ "$n" = "100001|1" ] && ok || bad "100 000 units: got '$n'"
{ head_notice 4; i=0; while [ $i -lt 50000 ]; do printf '一、李军市长牵头重点工作\n'; i=$((i + 1)); done; printf '1. 最后一项。\n\n责任单位：市财政局\n'; } > "$H/heads.txt"
expect_ingest "deeply repeated headings" "$H/heads.txt" 0 "$H/heads.txt: loaded, 1 notice, 1 task"
bad_name=$(printf '%s/a b\377.txt' "$H")
cp "$s000" "$bad_name"
# messages show the byte as it is stored, \xFF, never raw
shown="$H/a b\\xFF.txt"
expect_ingest "a path with spaces and a non-UTF-8 byte" "$bad_name" 0 \
    "$shown:719: warning: item 23 幸福河湖示范项目: 10 values for 11 district columns, read from the left" \
    "$shown:719: warning: item 23 幸福河湖示范项目: districts sum to 6, 全市 is 7" \
    "$shown: loaded, 1 notice, 164 tasks"
n=$(sqlite3 "$H/h.db" "SELECT path FROM v_sources")
[ "$n" = "$H/a b\\xFF.txt" ] && ok || bad "non-UTF-8 path stored as '$n'"
# a file shortened by another program while it is read (LD_PRELOAD shim on
# the optimised binary: the sanitizers want to be the first library loaded)
if [ -f "$here/../build/shrink.so" ] && [ -x "$here/../jxgov" ]; then
    cp "$s000" "$H/shrinks.txt"
    rm -f "$H/h.db"*
    printf '%s: error: file changed while being read (%s bytes when opened, fewer when read)\n' \
        "$H/shrinks.txt" "$(wc -c < "$s000")" > "$T/want"
    expect_run "a file that shrinks while read" 1 "$T/want" \
        env SHRINK_PATH="$H/shrinks.txt" LD_PRELOAD="$here/../build/shrink.so" "$here/../jxgov" ingest --db "$H/h.db" "$H/shrinks.txt"
    n=$(sqlite3 "$H/h.db" "SELECT count(*) FROM v_sources")
    [ "$n" = 0 ] && ok || bad "a file that shrank left $n source rows"
else
    bad "build/shrink.so or ./jxgov missing: make test builds them"
fi
mkfifo "$H/fifo"
cat "$s000" > "$H/fifo" &
expect_ingest "a FIFO" "$H/fifo" 0 \
    "$H/fifo:719: warning: item 23 幸福河湖示范项目: 10 values for 11 district columns, read from the left" \
    "$H/fifo:719: warning: item 23 幸福河湖示范项目: districts sum to 6, 全市 is 7" \
    "$H/fifo: loaded, 1 notice, 164 tasks"
wait

# ---- schema versions ----
rm -f "$H/v1.db"
sqlite3 "$H/v1.db" < "$here/data/schema_v1.sql"
sqlite3 "$H/v1.db" "PRAGMA user_version = 1"
"$JXGOV" ingest -q --db "$H/v1.db" "$s000" 2> /dev/null
n=$(sqlite3 "$H/v1.db" "PRAGMA user_version; SELECT count(*) FROM v_tasks; SELECT count(*) FROM v_district_targets; SELECT count(*) FROM v_catalog" | tr '\n' ' ')
[ "$n" = "4 164 482 0 " ] && ok || bad "a version-1 database is migrated and answers the views: got '$n'"

# ---- database errors ----
as_nobody() {   # permissions do not bind root: drop to nobody for these cases
    if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
chmod 755 "$T" "$H"
rm -f "$H/ro.db"; "$JXGOV" ingest -q --db "$H/ro.db" "$s000" 2> /dev/null
chmod 644 "$H/ro.db"; rm -f "$H/ro.db-wal" "$H/ro.db-shm"
printf 'jxgov: %s: database file is read-only\n' "$H/ro.db" > "$T/want"
expect_run "read-only database file" 3 "$T/want" as_nobody "$JXGOV" ingest --db "$H/ro.db" "$s002"
mkdir -p "$H/rodir"; cp "$H/ro.db" "$H/rodir/x.db"; chmod 666 "$H/rodir/x.db"; chmod 555 "$H/rodir"
expect_run "database in a read-only directory" 3 - as_nobody "$JXGOV" ingest --db "$H/rodir/x.db" "$s002"
grep -q "^jxgov: $H/rodir/x.db: " "$T/err" && ok || bad "read-only directory: message names the database"
chmod 755 "$H/rodir"
rm -f "$H/full.db"*
"$JXGOV" ingest -q --db "$H/full.db" "$s000" 2> /dev/null
sqlite3 "$H/full.db" .dump > "$T/full.before"
( ulimit -f 100; "$JXGOV" ingest -q --db "$H/full.db" "$s001" "$s002" "$s003" > /dev/null 2> "$T/err"; echo $? > "$T/st" )
# SQLite reports EFBIG as "disk I/O error", ENOSPC as "database or disk is full"
[ "$(cat "$T/st")" = 3 ] && grep -q ': error: .*disk' "$T/err" && ok || { bad "disk full: exit $(cat "$T/st")"; cat "$T/err"; }
n=$(sqlite3 "$H/full.db" "PRAGMA integrity_check; SELECT count(*) FROM v_sources")
[ "$(echo $n)" = "ok 1" ] || [ "$(echo $n)" = "ok 2" ] || [ "$(echo $n)" = "ok 3" ] && ok || bad "disk full: database after: $n"

# ---- a long run keeps its write-ahead log small ----
# 400 files write some 12 000 log frames (48 MB). Checkpoints copy them back
# every 4 000 frames and the log then starts again; were it never to start
# again, it would grow to the 32 000-frame top-up (128 MB) or to the run's end.
copies() {      # copies DIR N TAG: N copies of 000, each with a doc_no of its own
    mkdir -p "$1"
    i=1
    while [ $i -le "$2" ]; do
        sed "s/嘉政办发〔2025〕3号/嘉政办发〔2025〕${i}$3号/" "$s000" > "$1/f$i.txt"
        i=$((i + 1))
    done
}
copies "$H/long" 400 07
rm -f "$H/long.db"*
"$JXGOV" ingest -q -j 2 --db "$H/long.db" "$H"/long/f*.txt 2> /dev/null &
pid=$! max=0
while kill -0 $pid 2> /dev/null; do
    w=$(stat -c %s "$H/long.db-wal" 2> /dev/null || echo 0)
    [ "$w" -gt "$max" ] && max=$w
    sleep 0.05
done
wait $pid
n=$(sqlite3 "$H/long.db" "SELECT count(*) FROM v_sources")
[ "$n" = 400 ] && [ "$max" -gt 0 ] && [ "$max" -lt 33554432 ] && ok ||
    bad "long run: $n files loaded, write-ahead log peaked at $max bytes (want under 32 MiB)"

# ---- crash safety: SIGKILL at many points of a multi-file run ----
# Kills are timed from the load's own progress: round k waits until 3k files
# of the 400-file set have committed, then kills at once, while a later file
# is being parsed or written. A round counts as a kill mid-run only if the
# process was still running (status 137) with files left to load; most rounds
# must be, or the test proves nothing about interrupted loads.
copies "$H/many" 24 03
complete() {    # every loaded file is whole: 164 tasks and 482 targets each
    sqlite3 "$1" "PRAGMA integrity_check" | grep -qx ok || return 1
    # killed before the schema was committed: nothing there, which is whole too
    [ "$(sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE name = 'v_sources'")" = 1 ] || return 0
    n=$(sqlite3 "$1" "SELECT count(*) FROM v_sources s WHERE
        (SELECT count(*) FROM v_tasks t WHERE t.source_id = s.source_id) <> 164 OR
        (SELECT count(*) FROM v_district_targets d WHERE d.source_id = s.source_id) <> 482")
    [ "$n" = 0 ]
}
loaded() { sqlite3 "$1" "SELECT count(*) FROM v_sources" 2> /dev/null || echo 0; }
rm -f "$H/kill.db"*
k=1 mid=0
while [ $k -le 12 ]; do
    "$JXGOV" ingest -q --db "$H/kill.db" "$H"/long/f*.txt 2> /dev/null &
    pid=$!
    while kill -0 $pid 2> /dev/null && [ "$(loaded "$H/kill.db")" -lt $((k * 3)) ]; do sleep 0.01; done
    kill -9 $pid 2> /dev/null
    wait $pid 2> /dev/null
    st=$?
    [ $st = 137 ] && [ "$(loaded "$H/kill.db")" -lt 400 ] && mid=$((mid + 1))
    complete "$H/kill.db" && ok || bad "SIGKILL round $k left a partial file or a damaged database"
    k=$((k + 1))
done
[ $mid -ge 10 ] && ok || bad "SIGKILL: only $mid of 12 rounds interrupted a running load"
"$JXGOV" ingest -q --db "$H/kill.db" "$H"/long/f*.txt 2> /dev/null
n=$(loaded "$H/kill.db")
[ "$n" = 400 ] && complete "$H/kill.db" && ok || bad "after the SIGKILL rounds a re-run completes the set (got $n files)"

# ---- two writers at once ----
rm -f "$H/two.db"*
# f1* is 11 files, f2* 6: the second writer also loads all of the first's
"$JXGOV" ingest -q --db "$H/two.db" "$H"/many/f1*.txt 2> "$T/err1" & p1=$!
"$JXGOV" ingest -q --db "$H/two.db" "$H"/many/f2*.txt "$H"/many/f1*.txt 2> "$T/err2" & p2=$!
wait $p1; s1=$?; wait $p2; s2=$?
n=$(sqlite3 "$H/two.db" "SELECT count(*) FROM v_sources")
[ $s1 = 0 ] && [ $s2 = 0 ] && [ "$n" = 17 ] && complete "$H/two.db" && ok || { bad "two writers: exits $s1 $s2, $n files"; cat "$T/err1" "$T/err2"; }
# hold_lock DB SQL: an sqlite3 shell runs SQL on DB and keeps its
# transaction open until release_lock: its input is a FIFO held open here,
# so the lock lasts as long as the run under test, however slow (valgrind)
hold_lock() {
    rm -f "$T/lockctl"; mkfifo "$T/lockctl"
    sqlite3 "$1" < "$T/lockctl" > /dev/null &
    holder=$!
    exec 9> "$T/lockctl"
    printf '%s\n' "$2" >&9
    sleep 1
}
release_lock() { printf 'ROLLBACK;\n' >&9; exec 9>&-; wait $holder; }
hold_lock "$H/two.db" 'BEGIN IMMEDIATE; SELECT 1;'
printf '%s: error: database is locked by another writer (process %s; waited 500 ms)\n' "$s003" "$holder" > "$T/want"
expect_run "a writer holding the lock past the timeout" 3 "$T/want" "$JXGOV" ingest -q --timeout 0.5 --db "$H/two.db" "$s003"
release_lock
