# hostile.sh: sourced by run.sh. What hostile inputs need beyond a case
# file (those are data, in tests/cases/hostile/): a file that shrinks while
# it is read, old schema versions, database errors, crash safety (SIGKILL),
# two writers at once and a held lock. Uses run.sh's helpers.

H=$T/hostile
mkdir -p "$H"

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
