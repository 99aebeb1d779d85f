# orders.sh: sourced by run.sh. Load order never changes the data: each
# folder of tests/cases/d13/orders holds copies of notices (see its README),
# loaded into a fresh database in every order of its files (all 6 orders of
# three, all 24 of four); every view and the search table must dump the same
# in each. Ids differ between orders, so each id is written as the natural
# key of its row: a notice as its doc_no, title, date and the file and line
# of its preferred copy, a task as that notice and the task's own file, line
# and numbers, a source as its file name; v_sources' load times are left out.
# Uses run.sh's helpers.

# orders_perms FILE...: every order of the files, one order a line
orders_perms() {
    if [ $# -le 1 ]; then echo "$*"; return; fi
    for first; do
        rest=
        for f; do [ "$f" = "$first" ] || rest="$rest $f"; done
        # shellcheck disable=SC2086
        orders_perms $rest | while IFS= read -r tail; do echo "$first $tail"; done
    done
}

orders_file="replace(s.path, rtrim(s.path, replace(s.path, '/', '')), '')"
orders_notice() {   # the natural key of the notice whose id is $1
    echo "(SELECT coalesce(n.doc_no, '-') || '|' || coalesce(n.title, '-') || '|' || coalesce(n.issued_on, '-')
             || '|' || $orders_file || ':' || n.source_line
           FROM notices n JOIN sources s USING (source_id) WHERE n.notice_id = $1)"
}
orders_task() {     # the natural key of the task whose id is $1
    echo "(SELECT $(orders_notice t.notice_id) || '/' || $orders_file || ':' || t.source_line || '/'
             || coalesce(t.section, '-') || '.' || t.seq || '.' || t.sub_seq
           FROM tasks t JOIN sources s USING (source_id) WHERE t.task_id = $1)"
}

# orders_dump DB: every view and the search table, ids as natural keys, sorted
orders_dump() {
    for v in $(sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name"); do
        sel=
        for c in $(sqlite3 "$1" "SELECT name FROM pragma_table_info('$v')"); do
            case $c in
            notice_id) e=$(orders_notice "x.notice_id") ;;
            task_id) e=$(orders_task "x.task_id") ;;
            source_id) e="(SELECT $orders_file FROM sources s WHERE s.source_id = x.source_id)" ;;
            ingested_at) continue ;;
            *) e="x.\"$c\"" ;;
            esac
            sel="$sel${sel:+, }$e"
        done
        echo "== $v"
        sqlite3 -batch -separator '	' -nullvalue NULL "$1" "SELECT $sel FROM \"$v\" x" | LC_ALL=C sort
    done
    echo "== search"
    sqlite3 -batch -separator '	' -nullvalue NULL "$1" "SELECT x.kind,
        CASE x.kind WHEN 'task' THEN $(orders_task "x.ref_id") ELSE $(orders_notice "x.ref_id") END,
        $(orders_notice "x.notice_id"), x.text FROM search x" | LC_ALL=C sort
}

for od in "$here"/cases/d13/orders/*/; do
    oname=$(basename "$od")
    ofiles=$(cd "$od" && ls ./*.txt | sed 's|^\./||')
    # shellcheck disable=SC2086
    orders_perms $ofiles > "$T/orders.list"
    k=0
    while IFS= read -r order; do
        k=$((k + 1))
        rm -f "$T/ord.db"*
        set --; for f in $order; do set -- "$@" "$od$f"; done
        ingest "$T/ord.db" "$@"
        orders_dump "$T/ord.db" > "$T/ord.$k"
        if [ $k = 1 ]; then first=$order; ok; continue; fi
        if cmp -s "$T/ord.1" "$T/ord.$k"; then ok
        else bad "load order, $oname: '$order' gives other rows than '$first' (< first, > this)"
             diff "$T/ord.1" "$T/ord.$k" | head -n 12; fi
    done < "$T/orders.list"
done
