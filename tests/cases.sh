# cases.sh: sourced by run.sh. The data-driven golden cases: every
# tests/cases/**/NAME.expected with its input NAME.txt. Adding a regression is
# adding those two files; tests/cases/FORMAT.md describes the .expected form.
# A failure names the case and the line of the .expected file that differs.

# case_split EXPECTED DIR: one file per block, DIR/K.head (the %% line) and
# DIR/K.body (its lines, each prefixed with its line number and a tab).
case_split() {
    awk -v dir="$2" '
        /^%%/ { k++; print > (dir "/" k ".head"); close(dir "/" k ".head");
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

run_case() {
    exp=$1 dir=$(dirname "$1") name=$(basename "$1" .expected)
    label=${dir#"$here/cases"}; label=${label#/}${label:+/}$name
    C=$T/case; rm -rf "$C"; mkdir -p "$C"
    case_split "$exp" "$C"
    files="$dir/$name.txt" args='ingest -q --db @DB@ @FILES@' want_exit=0 want_err=
    k=1; nb=$(cat "$C/count")
    while [ $k -le "$nb" ]; do
        IFS= read -r head < "$C/$k.head"; kw=${head%% *}; rest=${head#"$kw"}; rest=${rest# }
        case $kw in
        %%LOAD) files=; for f in $rest; do files="$files $dir/$f"; done ;;
        %%ARGS) args=$rest ;;
        esac
        k=$((k + 1))
    done
    db=$C/c.db
    # ingest -q printed a line per file before issue 15: now -q -v (last wins: -v)
    cmd=$(printf '%s' "$args" | sed "s|@DB@|$db|g; s|@FILES@|$files|g" | sed "s|^ingest -q |ingest -q -v |; t; s|^ingest |ingest -v |")
    # the argument list is split on spaces, with no globbing
    (set -f; "$JXGOV" $cmd) > "$C/out" 2> "$C/err"
    got_exit=$?
    # the summary line that ends every run is the tests/cli cases' concern
    sed "s|$dir/||g" "$C/err" | grep -av "$summary_re" > "$C/err.rel"
    grep -qx '%%EXIT.*' "$exp" || [ "$got_exit" = 0 ] || { bad "case $label: exit $got_exit, want 0"; sed 's/^/  stderr: /' "$C/err.rel" | head -n 5; }
    k=1
    while [ $k -le "$nb" ]; do
        IFS= read -r head < "$C/$k.head"; kw=${head%% *}; rest=${head#"$kw"}; rest=${rest# }
        case $kw in
        %%LOAD|%%ARGS) ;;
        %%EXIT)
            [ "$got_exit" = "$rest" ] && ok || { bad "case $label: $(basename "$exp"): exit $got_exit, want $rest"; sed 's/^/  stderr: /' "$C/err.rel" | head -n 5; } ;;
        %%STDERR)
            cut -f 2- "$C/$k.body" > "$C/err.want"
            if cmp -s "$C/err.want" "$C/err.rel"; then ok
            else
                line=$(diff "$C/err.want" "$C/err.rel" | sed -n 's/^\([0-9]*\).*/\1/p' | head -n 1)
                at=$(sed -n "${line:-1}p" "$C/$k.body" | cut -f 1)
                bad "case $label: $(basename "$exp"):${at:-?}: stderr differs (< expected, > actual)"
                diff "$C/err.want" "$C/err.rel" | head -n 10
            fi ;;
        %%ROWS)
            if [ ! -f "$db" ]; then bad "case $label: no database to query (exit $got_exit)"; sed 's/^/  stderr: /' "$C/err.rel" | head -n 5
            else
                sqlite3 -batch -separator '	' -nullvalue NULL "$db" "$rest" > "$C/rows" 2> "$C/rows.err"
                if [ -s "$C/rows.err" ]; then bad "case $label: query failed: $(head -n 1 "$C/rows.err")"
                else case_rows "$label" "$exp" "$C/$k.body" "$C/rows"; fi
            fi ;;
        *) bad "case $label: $(basename "$exp"): unknown block '$kw'" ;;
        esac
        k=$((k + 1))
    done
}

for exp in $(find "$here/cases" -name '*.expected' | LC_ALL=C sort); do
    run_case "$exp"
done
