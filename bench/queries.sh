#!/bin/sh
# bench/queries.sh DB: the time of each query of bench/queries.sql and of
# each README.md example against DB, best of three runs (warm cache), in ms.
set -eu
cd "$(dirname "$0")/.."
db=$1
B=build/bench
mkdir -p "$B"
best() {    # best of three, in ms, of the statement in file $1
    for r in 1 2 3; do
        printf '.timer on\n.output /dev/null\n.read %s\n' "$1" | sqlite3 -batch "$db" | awk '/^Run Time/ { t += $4 } END { printf "%.1f\n", t * 1000 }'
    done | sort -n | head -n 1
}
# queries.sql: blocks headed '-- name: ...'
awk -v dir="$B" '/^-- name: /{ n++; f = dir "/q" n ".sql"; sub(/^-- name: /, ""); print > (dir "/q" n ".name"); next }
    n && !/^--/ { print > f }' bench/queries.sql
for f in "$B"/q[0-9]*.sql; do
    printf '  %8s ms  %s\n' "$(best "$f")" "$(cat "${f%.sql}.name")"
done
rm -f "$B"/q[0-9]*.sql "$B"/q[0-9]*.name
# README: each statement of each ```sql block (a statement ends with ;)
awk -v dir="$B" '/^```sql/ { f = 1; next } /^```/ { f = 0 } f && !/^--/ {
        if (!open) { n++; open = 1; name = $0 }
        print > (dir "/r" n ".sql"); if (/;[ \t]*$/) { open = 0; print substr(name, 1, 60) > (dir "/r" n ".name") } }' README.md
for f in "$B"/r[0-9]*.sql; do
    printf '  %8s ms  README: %s\n' "$(best "$f")" "$(cat "${f%.sql}.name")"
done
rm -f "$B"/r[0-9]*.sql "$B"/r[0-9]*.name
