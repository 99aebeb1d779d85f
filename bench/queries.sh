#!/bin/sh
# bench/queries.sh DB: the time of each query of bench/queries.sql and of
# each README.md example against DB, best of three runs (warm cache), in ms
# of wall time and, in brackets, of CPU time.
set -eu
cd "$(dirname "$0")/.."
db=$1
B=build/bench
mkdir -p "$B"
# a statement that runs longer than $BENCH_QUERY_TIMEOUT seconds (60) is
# stopped, its time given as >LIMIT
limit=${BENCH_QUERY_TIMEOUT:-60}
best() {    # best of three, in ms of wall time (CPU time: user + system), of the statement in file $1
    for r in 1 2 3; do
        printf '.timer on\n.output /dev/null\n.read %s\n' "$1" | timeout "$limit" sqlite3 -batch "$db" |
            awk '/^Run Time/ { t += $4; c += $6 + $8; n++ } END { if (n) printf "%.1f (%.0f)\n", t * 1000, c * 1000 }'
    done | sort -n | head -n 1 | grep . || echo ">$((limit * 1000))"
}
# queries.sql: blocks headed '-- name: ...'
awk -v dir="$B" '/^-- name: /{ n++; f = dir "/q" n ".sql"; sub(/^-- name: /, ""); print > (dir "/q" n ".name"); next }
    n && !/^--/ { print > f }' bench/queries.sql
# time_all PREFIX LABEL: times $B/PREFIX1.sql, PREFIX2.sql … in order, then removes them
time_all() {
    i=1
    while [ -f "$B/$1$i.sql" ]; do
        printf '  %14s ms  %s%s\n' "$(best "$B/$1$i.sql")" "$2" "$(cat "$B/$1$i.name")"
        i=$((i + 1))
    done
    rm -f "$B/$1"[0-9]*.sql "$B/$1"[0-9]*.name
}
time_all q ""
# README: each statement of each ```sql block (a statement ends with ;),
# named by the comment line before it, or else by its first line
awk -v dir="$B" '/^```sql/ { f = 1; c = ""; next } /^```/ { f = 0 } f && /^--/ { c = c ? c " " substr($0, 4) : substr($0, 4); next }
    f { if (!open) { n++; open = 1; name = c ? c : $0; c = "" }
        print > (dir "/r" n ".sql"); if (/;[ \t]*$/) { open = 0; print name > (dir "/r" n ".name") } }' README.md
time_all r "README: "
