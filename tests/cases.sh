# cases.sh: sourced by run.sh. The one runner of the data-driven cases: every
# tests/cases/**/NAME.expected, with its input NAME.txt when there is one.
# Adding a regression is adding those files; tests/cases/FORMAT.md describes
# the .expected form. A failure names the case and the line of the .expected
# file that differs.

jx_abs=$(cd "$(dirname "$JXGOV")" && pwd)/$(basename "$JXGOV")
# every case runs in a fresh directory holding the five seeds as 000.txt..004.txt
mkdir -p "$T/caseseeds"
for s in 0 1 2 3 4; do cp "$seeds"/00${s}_*.txt "$T/caseseeds/00$s.txt"; done

# case_split EXPECTED DIR: one file per block, DIR/K.head (the %% line),
# DIR/K.at (its line number) and DIR/K.body (its lines, each prefixed with
# its line number and a tab).
case_split() {
    awk -v dir="$2" '
        /^%%/ { k++; print > (dir "/" k ".head"); close(dir "/" k ".head");
                print NR > (dir "/" k ".at"); close(dir "/" k ".at");
                printf "" > (dir "/" k ".body"); next }
        k == 0 { next }
        { print NR "\t" $0 > (dir "/" k ".body") }
        END { print k + 0 > (dir "/count") }' "$1"
}

# case_rows NAME EXPECTED BODY ACTUAL: rows compared as sets (both sorted);
# "#" lines and blank lines in the body are comments.
case_rows() {
    grep -v '^[0-9]*	#' "$3" | grep -v '^[0-9]*	$' | LC_ALL=C sort -t '	' -k 2 > "$T/cs.want"
    cut -f 2- "$T/cs.want" > "$T/cs.wantrows"
    LC_ALL=C sort "$4" > "$T/cs.got"
    if cmp -s "$T/cs.wantrows" "$T/cs.got"; then ok; return; fi
    # the first expected row missing from the output, with its line number
    miss=$(LC_ALL=C comm -23 "$T/cs.wantrows" "$T/cs.got" | head -n 1)
    extra=$(LC_ALL=C comm -13 "$T/cs.wantrows" "$T/cs.got" | head -n 1)
    if [ -n "$miss" ]; then
        at=$(awk -F '\t' -v r="$miss" '{ l = $1; sub(/^[0-9]+\t/, ""); if ($0 == r) { print l; exit } }' "$T/cs.want")
        bad "case $1: $(basename "$2"):$at: row not in output: $miss"
    else
        bad "case $1: $(basename "$2"): rows match, but the output has more: $extra"
    fi
    [ -z "$extra" ] || [ -z "$miss" ] || printf '  first unexpected row: %s\n' "$extra"
}

# case_stderr LABEL EXPECTED BODY: the run's stderr against BODY's lines. The
# summary line that ends every run is compared when the case states it (its
# elapsed time written #.##), and left out when it does not.
case_stderr() {
    cut -f 2- "$3" > "$C/err.want"
    if grep -q "$summary_re" "$C/err.want"; then cp "$C/err.rel" "$C/err.cmp"
    else grep -av "$summary_re" "$C/err.rel" > "$C/err.cmp"; fi
    if cmp -s "$C/err.want" "$C/err.cmp"; then ok; return; fi
    line=$(diff "$C/err.want" "$C/err.cmp" | sed -n 's/^\([0-9]*\).*/\1/p' | head -n 1)
    # diff numbers a line added before the first 0: the block's first line
    [ "${line:-0}" -gt 0 ] || line=1
    at=$(sed -n "${line}p" "$3" | cut -f 1)
    [ -n "$at" ] || at=$(tail -n 1 "$3" | cut -f 1)
    bad "case $1: $(basename "$2"):${at:-?}: stderr differs (< expected, > actual)"
    diff "$C/err.want" "$C/err.cmp" | head -n 10
}

run_case() {
    exp=$1 dir=$(dirname "$1") name=$(basename "$1" .expected)
    label=${dir#"$here/cases"}; label=${label#/}${label:+/}$name
    C=$T/case W=$T/casew; rm -rf "$C" "$W"; mkdir -p "$C"; cp -R "$T/caseseeds" "$W"
    case_split "$exp" "$C"
    files= args='ingest -q -v --db @DB@ @FILES@' input=/dev/null
    [ -f "$dir/$name.txt" ] && files="'$dir/$name.txt'"
    : > "$C/setup"
    k=1; nb=$(cat "$C/count")
    while [ $k -le "$nb" ]; do
        IFS= read -r head < "$C/$k.head"; kw=${head%% *}; rest=${head#"$kw"}; rest=${rest# }
        case $kw in
        %%LOAD) files=; for f in $rest; do files="$files '$dir/$f'"; done ;;
        %%ARGS) args=$rest ;;
        %%STDIN) input=$rest ;;
        %%SETUP) printf '%s\n' "$rest" >> "$C/setup" ;;
        esac
        k=$((k + 1))
    done
    db=$W/c.db
    cmd=$(printf '%s' "$args" | sed "s|@DB@|'$db'|g; s|@FILES@|$files|g")
    # setup lines and arguments are read by the shell (quotes, $(...)), with no globbing
    ( cd "$W" && JXGOV=$jx_abs && CASE=$dir && . "$C/setup" && set -f && eval "set -- $cmd" &&
      "$jx_abs" "$@" < "$input" > out 2> err; echo $? > status ) 2> "$C/setup.err"
    got_exit=$(cat "$W/status" 2> /dev/null || echo setup)
    if [ "$got_exit" = setup ]; then bad "case $label: setup failed: $(head -n 1 "$C/setup.err")"; return; fi
    sed "s|$dir/||g; s|$W/||g; s/; [0-9]*\.[0-9][0-9] s$/; #.## s/" "$W/err" > "$C/err.rel"
    grep -qE '^%%(EXIT|FAIL)' "$exp" || [ "$got_exit" = 0 ] || { bad "case $label: exit $got_exit, want 0"; sed 's/^/  stderr: /' "$C/err.rel" | head -n 5; }
    k=1
    while [ $k -le "$nb" ]; do
        IFS= read -r head < "$C/$k.head"; kw=${head%% *}; rest=${head#"$kw"}; rest=${rest# }
        at=$(cat "$C/$k.at")
        case $kw in
        %%LOAD|%%ARGS|%%STDIN|%%SETUP) ;;
        %%EXIT|%%FAIL)
            [ "$got_exit" = "$rest" ] && ok || { bad "case $label: $(basename "$exp"):$at: exit $got_exit, want $rest"; sed 's/^/  stderr: /' "$C/err.rel" | head -n 5; }
            [ $kw = %%EXIT ] || case_stderr "$label" "$exp" "$C/$k.body" ;;
        %%STDERR) case_stderr "$label" "$exp" "$C/$k.body" ;;
        %%ROWS)
            if [ ! -f "$db" ]; then bad "case $label: $(basename "$exp"):$at: no database to query (exit $got_exit)"; sed 's/^/  stderr: /' "$C/err.rel" | head -n 5
            else
                sqlite3 -batch -separator '	' -nullvalue NULL "$db" "$rest" > "$C/rows" 2> "$C/rows.err"
                if [ -s "$C/rows.err" ]; then bad "case $label: $(basename "$exp"):$at: query failed: $(head -n 1 "$C/rows.err")"
                else case_rows "$label" "$exp" "$C/$k.body" "$C/rows"; fi
            fi ;;
        %%ASSERT)
            ( cd "$W" && eval "$rest" ) > /dev/null 2>&1 && ok || bad "case $label: $(basename "$exp"):$at: assert failed: $rest" ;;
        *) bad "case $label: $(basename "$exp"):$at: unknown block '$kw'" ;;
        esac
        k=$((k + 1))
    done
}

for exp in $(find "$here/cases${CASES_UNDER:+/$CASES_UNDER}" -name '*.expected' | LC_ALL=C sort); do
    run_case "$exp"
done
