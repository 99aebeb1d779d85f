# cli.sh: sourced by run.sh (after cases.sh, whose jx_abs it uses). The
# command-line cases are data, in tests/cases/cli/ (run by cases.sh); what
# stays here needs real processes: signals, a closed pipe, the progress line
# on a pseudo-terminal; and the man page against --help.
W=$T/cli; rm -rf "$W"; mkdir -p "$W"
for s in 0 1 2 3 4; do cp "$seeds"/00${s}_*.txt "$W/00$s.txt"; done
# watchdog PID: a run that hangs is killed (and fails) rather than hang the suite
watchdog() { ( sleep "${2:-60}"; kill -9 "$1" 2> /dev/null ) & }

# ---- SIGINT: the file being loaded is rolled back, the summary printed, exit 130 ----
# The second input is a FIFO nobody writes: the run is surely inside it when
# the signal comes. With -j 2 a worker thread is the one blocked in it, from while 000.txt is
# still being written: --timeout (120 s) outlasts that write on a loaded
# machine (the default 10 s did not, under the sanitizers), the wait for
# 000.txt's row (up to 100 s: a loaded machine took over 30 s) and the
# watchdog (150 s) that.
for j in 1 2; do
    rm -f "$W/i.db"* "$W/f"; mkfifo "$W/f"
    ( cd "$W" && exec "$jx_abs" ingest -q -j $j --timeout 120 --db i.db 000.txt f 003.txt ) 2> "$T/int.err" & pid=$!
    watchdog $pid 150
    n=0; while [ "$(sqlite3 "$W/i.db" 'SELECT count(*) FROM sources' 2> /dev/null)" != 1 ] && [ $n -lt 1000 ]; do sleep 0.1; n=$((n + 1)); done
    sleep 0.3; kill -INT $pid; wait $pid; st=$?
    [ $st = 130 ] && ok || bad "SIGINT -j $j: exit $st, want 130"
    sed 's/; [0-9]*\.[0-9][0-9] s$/; #.## s/' "$T/int.err" > "$T/int.got"
    printf 'jxgov: 3 files: 1 loaded, 0 unchanged, 0 failed, 2 not tried (interrupted); 1 notice and 164 tasks added; 2 warnings; #.## s\n' > "$T/int.want"
    expect_same "SIGINT -j $j: the summary" "$T/int.want" "$T/int.got"
    got=$(sqlite3 "$W/i.db" "PRAGMA integrity_check; SELECT group_concat(path) FROM sources")
    [ "$got" = "ok
000.txt" ] && ok || bad "SIGINT -j $j: database holds '$got'"
done
# A FIFO nobody writes never holds back the files before it: with -j 2 the
# writer, finding 000.txt taken by the worker and not parsed yet, used to
# parse the next file itself, and blocked in the FIFO with 000.txt parsed
# and never written. On one CPU the worker often starts first (4 runs in
# 20 held back before the fix); twelve runs, each must write 000.txt.
if command -v taskset > /dev/null 2>&1; then
    held=0
    for r in 1 2 3 4 5 6 7 8 9 10 11 12; do
        rm -f "$W/h.db"* "$W/f"; mkfifo "$W/f"
        ( cd "$W" && exec taskset -c 0 "$jx_abs" ingest -q -j 2 --timeout 120 --db h.db 000.txt f 003.txt ) 2> /dev/null & pid=$!
        watchdog $pid 150
        n=0; while [ "$(sqlite3 "$W/h.db" 'SELECT count(*) FROM sources' 2> /dev/null)" != 1 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
        [ $n -lt 300 ] || held=$((held + 1))
        kill -INT $pid; wait $pid
    done
    [ $held = 0 ] && ok || bad "a FIFO held back the file before it in $held of 12 runs (-j 2, one CPU)"
fi

# SIGINT while a file is being written: it is rolled back whole. A trigger
# that counts to 200 000 for each task row makes the write of 003 last.
rm -f "$W/w.db"*
( cd "$W" && "$jx_abs" ingest -q --db w.db 004.txt 2> /dev/null )
sqlite3 "$W/w.db" "CREATE TRIGGER slow AFTER INSERT ON tasks BEGIN
    SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c); END;"
( cd "$W" && exec "$jx_abs" ingest -q -j 1 --db w.db 003.txt 002.txt ) 2> "$T/int.err" & pid=$!
watchdog $pid
sleep 1; t0=$(date +%s); kill -INT $pid; wait $pid; st=$?; t1=$(date +%s)
[ $st = 130 ] && ok || bad "SIGINT mid-write: exit $st, want 130"
# the statement running is interrupted: the writes left in the file (some
# 20 s of the trigger's work, minutes under the sanitizers) are not waited for
[ $((t1 - t0)) -le 5 ] && ok || bad "SIGINT mid-write: the run ended $((t1 - t0)) s after the signal (want at most 5)"
sed 's/; [0-9]*\.[0-9][0-9] s$/; #.## s/' "$T/int.err" > "$T/int.got"
printf '003.txt: rolled back (interrupted)\njxgov: 2 files: 0 loaded, 0 unchanged, 0 failed, 2 not tried (interrupted); 0 notices and 0 tasks added; 1 warning; #.## s\n' > "$T/int.want"
expect_same "SIGINT mid-write: what it says" "$T/int.want" "$T/int.got"
got=$(sqlite3 "$W/w.db" "PRAGMA integrity_check; SELECT group_concat(path) FROM sources; SELECT count(*) FROM tasks")
[ "$got" = "ok
004.txt
125" ] && ok || bad "SIGINT mid-write: database holds '$got'"

# ---- a closed pipe: exit 141, the file being loaded committed or rolled back whole ----
# head exits after one line; the FIFO input holds the run until then, and
# the file after it (004) must never be loaded.
for j in 1 2; do
    rm -f "$W/p.db"* "$W/f" "$T/first" "$T/st"; mkfifo "$W/f"
    # perl tells an exit (the documented 141) from a death by SIGPIPE
    ( cd "$W" && perl -e 'system @ARGV; print(($? & 127) ? "signal " . ($? & 127) : "exit " . ($? >> 8))' \
        "$jx_abs" ingest -v -j $j --db p.db 000.txt 003.txt f 004.txt 2>&1 > "$T/st" ) | head -n 1 > "$T/first" &
    n=0; while [ ! -s "$T/first" ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
    sleep 0.3
    ( cd "$W" && { cat 002.txt > f & feeder=$!; sleep 3; kill $feeder 2> /dev/null; } )
    wait
    st=$(cat "$T/st")
    [ "$st" = "exit 141" ] && ok || bad "closed pipe -j $j: $st, want exit 141"
    got=$(sqlite3 "$W/p.db" "PRAGMA integrity_check; SELECT count(*) FROM sources WHERE path = '004.txt';
        SELECT count(*) FROM sources s WHERE path = '000.txt' AND (SELECT count(*) FROM tasks t WHERE t.source_id = s.source_id) <> 164")
    [ "$got" = "ok
0
0" ] && ok || bad "closed pipe -j $j: database '$got'"
done

# ---- the progress line: on a terminal only ----
# A FIFO fed after 1.5 s makes the run long enough for the line (shown once
# a run has taken half a second); script(1) gives jxgov a pseudo-terminal.
progress_run() {    # $1: tty or file; output in $T/prog.out
    rm -f "$W/g.db"* "$W/f"; mkfifo "$W/f"
    ( sleep 1.5; cd "$W" && cat 004.txt > f ) &
    if [ "$1" = tty ]; then
        script -qfec "cd '$W' && '$jx_abs' ingest -j 1 --db g.db 000.txt f 003.txt" /dev/null > "$T/prog.out" 2>&1 < /dev/null
    else
        ( cd "$W" && "$jx_abs" ingest -j 1 --db g.db 000.txt f 003.txt ) > "$T/prog.out" 2>&1
    fi
    wait
}
if command -v script > /dev/null; then
    progress_run tty
    grep -q 'jxgov: 2/3 files, [0-9.]* MB, [0-9.]* MB/s, 0 errors, ETA [0-9]*:[0-9][0-9]' "$T/prog.out" && ok ||
        { bad "progress: no progress line on a terminal"; cat -v "$T/prog.out" | head -5; }
    # erased (\r, ESC [K) before the summary, which ends the output
    tr -d '\r' < "$T/prog.out" | tail -n 1 | grep -q "$(printf '\033\\[Kjxgov: 3 files: 3 loaded[^\033]*$')" && ok ||
        { bad "progress: the line is not erased before the summary"; cat -v "$T/prog.out" | tail -2; }
    progress_run file
    if grep -q 'files, .* MB/s' "$T/prog.out" || grep -q "$(printf '\033')" "$T/prog.out"; then bad "progress: shown when stderr is not a terminal"
    else ok; fi
else
    bad "progress: script(1) (util-linux) is needed for the pseudo-terminal test"
fi

# ---- the man page documents every option --help lists, and no other ----
"$jx_abs" --help | grep -E '^ +-' | grep -oE '(^| |,)--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u > "$T/help.opts"
sed -n '/^\.SH OPTIONS/,/^\.SH /{/^\.TP/{n;p;}}' "$here/../doc/jxgov.1" | sed 's/\\-/-/g' |
    grep -oE '(^|[ "P])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ "P]//' | sort -u > "$T/man.opts"
[ -s "$T/help.opts" ] && expect_same "options in --help (<) and in the man page (>)" "$T/help.opts" "$T/man.opts"
# and every exit status
"$jx_abs" --help | sed -n '/^exit status:/,$p' | grep -oE '^ +[0-9]+' | tr -d ' ' > "$T/help.exit"
sed -n '/^\.SH EXIT STATUS/,/^\.SH /{/^\.TP/{n;p;}}' "$here/../doc/jxgov.1" | grep -oE '[0-9]+' > "$T/man.exit"
[ -s "$T/help.exit" ] && expect_same "exit statuses in --help (<) and in the man page (>)" "$T/help.exit" "$T/man.exit"
