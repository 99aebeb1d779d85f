# orders.sh: sourced by run.sh. Load order never changes the data: each
# folder of tests/cases/d13/orders holds copies of notices (see its README),
# loaded into a fresh database in every order of its files (all 6 orders of
# three, all 24 of four); every view, the search table and the files whose
# text held_texts keeps (those of its held.list once all are loaded) must dump
# the same in each. Then each order a file at a time, each file deleted or
# changed once loaded: the database may never need a file again once it is
# loaded (the texts it needs it holds), so after each load it must dump as
# the files loaded so far loaded together do. Ids differ between orders, so
# each id is written as the natural key of its row: a notice as its doc_no,
# title, date and the file and line of its preferred copy, a task as that
# notice and the task's own file, line and numbers, a source (and a path) as
# its file name; v_sources' load times are left out.
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

# orders_sql DB: the query of orders_dump (the views of DB), one SELECT a view
# and one of search and of held_texts (the files whose text is held), each
# row led by the name of its view or table
orders_sql() {
    sqlite3 -separator ' ' "$1" "SELECT v.name, p.name FROM sqlite_schema v, pragma_table_info(v.name) p
                                 WHERE v.type = 'view' ORDER BY v.name, p.cid" > "$T/orders.cols"
    last= sel=
    while read -r v c; do
        if [ "$v" != "$last" ]; then
            [ -z "$last" ] || echo "SELECT '== $last', $sel FROM \"$last\" x;"
            last=$v sel=
        fi
        case $c in
        notice_id) e=$(orders_notice "x.notice_id") ;;
        task_id) e=$(orders_task "x.task_id") ;;
        source_id) e="(SELECT $orders_file FROM sources s WHERE s.source_id = x.source_id)" ;;
        ingested_at) continue ;;
        path) e="replace(x.path, rtrim(x.path, replace(x.path, '/', '')), '')" ;;  # the steps below load copies
        *) e="x.\"$c\"" ;;
        esac
        sel="$sel${sel:+, }$e"
    done < "$T/orders.cols"
    echo "SELECT '== $last', $sel FROM \"$last\" x;"
    echo "SELECT '== search', x.kind,
        CASE x.kind WHEN 'task' THEN $(orders_task "x.ref_id") ELSE $(orders_notice "x.ref_id") END,
        $(orders_notice "x.notice_id"), x.text FROM search x;"
    echo "SELECT '== held_texts', $orders_file FROM held_texts h JOIN sources s USING (source_id);"
}
# orders_dump DB: every view, search and held_texts, ids as natural keys, sorted
orders_dump() {
    [ -s "$T/orders.sql" ] || orders_sql "$1" > "$T/orders.sql"
    sqlite3 -batch -separator '	' -nullvalue NULL "$1" < "$T/orders.sql" | LC_ALL=C sort
}

: > "$T/orders.sql"
for od in "$here"/cases/d13/orders/*/; do
    oname=$(basename "$od")
    ofiles=$(cd "$od" && ls ./*.txt | sed 's|^\./||')
    # shellcheck disable=SC2086
    orders_perms $ofiles > "$T/orders.list"
    rm -rf "$T/oref"; mkdir -p "$T/oref"
    k=0
    while IFS= read -r order; do
        k=$((k + 1))
        rm -f "$T/ord.db"*
        set --; for f in $order; do set -- "$@" "$od$f"; done
        ingest "$T/ord.db" "$@"
        orders_dump "$T/ord.db" > "$T/ord.$k"
        if [ $k = 1 ]; then
            first=$order
            # the texts held once all are loaded: those of the files that
            # print the preferred copy of its key in a notice (README)
            sed -n 's/^== held_texts\t//p' "$T/ord.1" | LC_ALL=C sort | diff "$od/held.list" - > "$T/diff" && ok ||
                { bad "load order, $oname: held_texts holds other files than held.list (< expected, > held)"; cat "$T/diff"; }
            continue
        fi
        if cmp -s "$T/ord.1" "$T/ord.$k"; then ok
        else bad "load order, $oname: '$order' gives other rows than '$first' (< first, > this)"
             diff "$T/ord.1" "$T/ord.$k" | head -n 12; fi
    done < "$T/orders.list"
    # The same orders, a file at a time, each file deleted (odd orders) or
    # changed (even ones) once loaded: after each load the rows must be those
    # of the files loaded so far, loaded together while they are all there.
    k=0
    while IFS= read -r order; do
        k=$((k + 1))
        rm -rf "$T/ordw"; mkdir -p "$T/ordw"; rm -f "$T/ord.db"*
        sofar=
        for f in $order; do
            cp "$od$f" "$T/ordw/$f"
            ingest "$T/ord.db" "$T/ordw/$f"
            if [ $((k % 2)) = 1 ]; then rm "$T/ordw/$f"; else echo 改 >> "$T/ordw/$f"; fi
            sofar=$(for g in $sofar $f; do echo "$g"; done | LC_ALL=C sort | tr '\n' ' ')
            ref=$T/oref/$(echo "$sofar" | tr ' ' '_')
            if [ ! -f "$ref" ]; then
                rm -f "$T/oref.db"*
                set --; for g in $sofar; do set -- "$@" "$od$g"; done
                ingest "$T/oref.db" "$@"
                orders_dump "$T/oref.db" > "$ref"
            fi
            orders_dump "$T/ord.db" > "$T/ord.w"
            if cmp -s "$ref" "$T/ord.w"; then ok
            else bad "load order, $oname: '$order' a file at a time, each $([ $((k % 2)) = 1 ] && echo deleted || echo changed) once loaded: after $f, other rows than '$sofar' loaded together (< together, > this)"
                 diff "$ref" "$T/ord.w" | head -n 12; fi
        done
    done < "$T/orders.list"
done

# A database an older jxgov wrote (no texts held, another schema.sql): the
# first open by this jxgov holds, from the files on disk, the texts their
# copies need, so that the database needs no file afterwards: the files
# loaded so, gone before the last one comes, give the rows of all loaded
# together; a file gone before that open is named in a warning.
for od in "$here"/cases/d13/orders/*/; do
    oname=$(basename "$od")
    rm -rf "$T/oldw"; mkdir -p "$T/oldw"; cp "$od"*.txt "$T/oldw/"
    last=$(cd "$od" && ls ./*.txt | sed 's|^\./||' | tail -n 1)
    set --; for f in "$T"/oldw/*.txt; do [ "$f" = "$T/oldw/$last" ] || set -- "$@" "$f"; done
    rm -f "$T/old.db"*; ingest "$T/old.db" "$@"
    sqlite3 "$T/old.db" "DELETE FROM held_texts; DELETE FROM meta WHERE key = 'texts held';
                         UPDATE meta SET value = 'x' WHERE key = 'embedded'"
    ingest "$T/old.db" "$1"     # opened: unchanged
    rm -f "$@"
    ingest "$T/old.db" "$T/oldw/$last"
    rm -f "$T/oref.db"*; ingest "$T/oref.db" "$od"*.txt
    orders_dump "$T/oref.db" | grep -v '^== held_texts' > "$T/old.want"
    orders_dump "$T/old.db" | grep -v '^== held_texts' > "$T/old.got"
    expect_same "load order, $oname: a database of an older jxgov, its files gone once this one opened it: other rows than all loaded together (< together, > this)" "$T/old.want" "$T/old.got"
    sqlite3 "$T/old.db" "SELECT replace(s.path, rtrim(s.path, replace(s.path, '/', '')), '')
                         FROM held_texts h JOIN sources s USING (source_id)" | LC_ALL=C sort > "$T/old.held"
    expect_same "load order, $oname: a database of an older jxgov: texts held once opened and loaded (< held.list)" "$od/held.list" "$T/old.held"
done
od=$here/cases/d13/orders/repost_with_lists
rm -rf "$T/oldw"; mkdir -p "$T/oldw"; cp "$od"/a.txt "$od"/b.txt "$T/oldw/"
rm -f "$T/old.db"*; ingest "$T/old.db" "$T/oldw/a.txt" "$T/oldw/b.txt"
sqlite3 "$T/old.db" "DELETE FROM held_texts; DELETE FROM meta WHERE key = 'texts held';
                     UPDATE meta SET value = 'x' WHERE key = 'embedded'"
rm "$T/oldw/a.txt"
printf '%s: warning: 1 file that an older jxgov loaded cannot be read again, gone or changed since (the first: %s); a notice whose preferred copy one of them prints keeps the rows stored\n' \
    "$T/old.db" "$T/oldw/a.txt" > "$T/want"
expect_run "an older jxgov's database opened, a file it loaded gone" 0 "$T/want" "$JXGOV" ingest --db "$T/old.db" "$T/oldw/b.txt"
expect_run "an older jxgov's database opened again: nothing more to say" 0 /dev/null "$JXGOV" ingest --db "$T/old.db" "$T/oldw/b.txt"
