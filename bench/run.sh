#!/bin/sh
# bench/run.sh: the benchmark of issue 7, run by `make bench`. Builds the
# corpus (bench/gen.c) at each scale, then measures in this one run:
#   ingest (-j $BENCH_JOBS and -j 1), cat of the corpus, the sqlite3 shell's
#   .import of the same rows as TSV into the same schema, and a re-run;
#   what the full-text index costs (ingest --no-search, then jxgov index);
#   what the query indexes cost a load (a load without the indexes of issue
#   14: tasks_year, target_items_year, and target_items_seq in place of the
#   target_items_notice it replaced; and one without any index a query
#   alone needs: those and task_units_dept, task_leaders_leader);
#   and, on the database of the last scale, each query of bench/queries.sql
#   and of README.md (bench/queries.sh); with BENCH_BEFORE=OLD-BINARY, the
#   load of OLD-BINARY against this build's, turn about.
# Figures go to stdout and, one measure a line, to bench/results.txt.
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_FILES:-2000}
SCALES=${BENCH_SCALES:-"1 2 4"}
J=${BENCH_JOBS:-2}
B=build/bench
mkdir -p "$B"
out=bench/results.txt
: > "$out"
say() { printf '%s\n' "$*" | tee -a "$out"; }
# sync first: the kernel writing back what the step before wrote would
# otherwise be measured with this step
timed() { sync; build/timeit "$@" 2> "$B/timeit.err" > /dev/null || { cat "$B/timeit.err"; exit 1; }; tail -n 1 "$B/timeit.err" | sed 's/^timeit: //'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# every table a load writes (districts is filled by the schema itself)
# (search, the FTS5 index, is not a table .import can fill, nor held_texts,
# whose texts hold NUL bytes: the ratio compares the rows of the other tables)
tables="sources gazette_issues notices notice_bodies notice_sources copies tasks task_leaders departments tally_tasks tally_leaders tally_units tally_unit_totals task_units target_items target_values appointments catalog leader_duty_changes notice_references research_topics committee_members"

say "jxgov benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $N files per scale, ingest -j $J (MB = 10^6 bytes)"
for scale in $SCALES; do
    files=$((N * scale))
    corpus=bench/corpus/n$files
    if [ ! -f "$corpus/.done" ]; then
        rm -rf "$corpus"; mkdir -p "$corpus"
        build/gen "$corpus" $files data/samples/*.txt
        : > "$corpus/.done"
    fi
    # MB: 10^6 bytes
    mb=$(du -cb "$corpus"/*.txt | tail -n 1 | awk '{ printf "%.1f", $1 / 1000000 }')
    rm -f "$B"/j.db* "$B"/one.db*
    set -- $(timed ./jxgov ingest -q -j "$J" --db "$B/j.db" "$corpus"/*.txt); t_j=$1 rss_j=$2
    set -- $(timed ./jxgov ingest -q -j 1 --db "$B/one.db" "$corpus"/*.txt); t_1=$1 rss_1=$2
    set -- $(timed ./jxgov ingest -q -j "$J" --db "$B/j.db" "$corpus"/*.txt); t_re=$1
    set -- $(timed sh -c "cat $corpus/*.txt > /dev/null"); t_cat=$1
    rows=0
    rm -f "$B"/imp.db*; sqlite3 "$B/imp.db" < build/schema.sql
    imp="$B/import.sql"
    # ASCII unit/record separators: the texts hold tabs' and quotes' lookalikes
    printf '.mode ascii\nBEGIN;\n' > "$imp"
    for t in $tables; do
        # .import cannot write NULL, and NULL doc_nos are unique only as NULLs:
        # the notices without one take their natural key there
        cols='*'
        [ $t = notices ] && cols='notice_id, natural_key, coalesce(doc_no, natural_key), issuer, title, issued_on, year, source_id, source_line, government'
        sqlite3 -batch -ascii "$B/j.db" "SELECT $cols FROM $t" > "$B/$t.tsv"
        rows=$((rows + $(sqlite3 "$B/j.db" "SELECT count(*) FROM $t")))
        printf '.import %s %s\n' "$B/$t.tsv" "$t" >> "$imp"
    done
    printf 'COMMIT;\n' >> "$imp"
    set -- $(timed sh -c "sqlite3 $B/imp.db < $imp"); t_imp=$1
    # the full-text index: a bulk load without it, then built in one go
    rm -f "$B"/ns.db*
    set -- $(timed ./jxgov ingest -q -j "$J" --no-search --db "$B/ns.db" "$corpus"/*.txt); t_ns=$1
    set -- $(timed ./jxgov index --db "$B/ns.db"); t_idx=$1
    # the indexes for queries by year, department and leader: loads without
    # them (jxgov runs schema.sql again only when the database holds
    # another build's, so an index dropped stays dropped)
    rm -f "$B"/ni.db* "$B"/ny.db*
    # (target_items_notice: the loader deletes a notice's items by notice_id)
    q14="DROP INDEX tasks_year; DROP INDEX target_items_year; DROP INDEX target_items_seq;
         CREATE INDEX target_items_notice ON target_items (notice_id)"
    ./jxgov ingest -q --db "$B/ny.db" tests/cases/unknown_dept.txt 2> /dev/null
    sqlite3 "$B/ny.db" "$q14"
    set -- $(timed ./jxgov ingest -q -j "$J" --no-search --db "$B/ny.db" "$corpus"/*.txt); t_ny=$1
    ./jxgov ingest -q --db "$B/ni.db" tests/cases/unknown_dept.txt 2> /dev/null
    sqlite3 "$B/ni.db" "$q14; DROP INDEX task_units_dept; DROP INDEX task_leaders_leader"
    set -- $(timed ./jxgov ingest -q -j "$J" --no-search --db "$B/ni.db" "$corpus"/*.txt); t_ni=$1
    say "scale ${scale}x: $files files, $mb MB, $rows rows"
    say "  ingest -j $J: $t_j s, $(awk -v m=$mb -v t=$t_j 'BEGIN{printf "%.1f", m/t}') MB/s, $(awk -v r=$rows -v t=$t_j 'BEGIN{printf "%.0f", r/t}') rows/s, peak RSS $((rss_j / 1024)) MB"
    say "  ingest -j 1: $t_1 s, peak RSS $((rss_1 / 1024)) MB; -j $J speed-up $(ratio $t_1 $t_j)x"
    say "  floor: cat $t_cat s; sqlite3 .import of the same rows $t_imp s"
    say "  ratios: jxgov/.import $(ratio $t_j $t_imp), jxgov/cat $(ratio $t_j $t_cat)"
    say "  re-run unchanged: $t_re s, first run / re-run $(ratio $t_j $t_re)x"
    say "  seconds per 100 MB: $(awk -v m=$mb -v t=$t_j 'BEGIN{printf "%.2f", 100*t/m}')"
    say "  full-text index: ingest --no-search $t_ns s ($(awk -v m=$mb -v t=$t_ns 'BEGIN{printf "%.1f", m/t}') MB/s), then jxgov index $t_idx s; kept in step it costs $(ratio $t_j $t_ns)x the ingest time"
    say "  indexes of issue 14 (tasks_year, target_items_year, target_items_seq): ingest --no-search $t_ns s with, $t_ny s without ($(ratio $t_ns $t_ny)x)"
    say "  all query indexes (those + task_units_dept + task_leaders_leader): $t_ni s without ($(ratio $t_ns $t_ni)x)"
    last_db=$B/j.db
done
say "query times on the database of the last scale (best of 3, warm):"
sh bench/queries.sh "$last_db" | tee -a "$out"

# Files holding many documents (issue 16): 7.5, 15, 30 and 60 MB, each the
# UTF-8 files of the 1x corpus joined end to end (every 5th is GB18030 and
# would not join) until the size is reached. A file's load must grow with
# its size: seconds per MB stay level when it is linear.
corpus=bench/corpus/n$N
if [ ! -f "$corpus/.done" ]; then
    rm -rf "$corpus"; mkdir -p "$corpus"
    build/gen "$corpus" "$N" data/samples/*.txt
    : > "$corpus/.done"
fi
mkdir -p bench/corpus/big
say "one file of many documents (ingest -j 1 into a new database; check parses only):"
for size in 7.5 15 30 60; do
    f=bench/corpus/big/b$size.txt
    if [ ! -f "$f" ]; then
        ls "$corpus"/g*.txt | awk 'NR % 5 != 0 { print }' > "$B/big.list"
        : > "$f.tmp"
        while read -r g; do
            cat "$g" >> "$f.tmp"; printf '\n' >> "$f.tmp"
            [ "$(wc -c < "$f.tmp")" -ge "$(awk -v m="$size" 'BEGIN { printf "%d", m * 1000000 }')" ] && break
        done < "$B/big.list"
        mv "$f.tmp" "$f"
    fi
    mb=$(wc -c < "$f" | awk '{ printf "%.1f", $1 / 1000000 }')
    rm -f "$B"/big.db*
    set -- $(timed ./jxgov ingest -q -j 1 --db "$B/big.db" "$f"); t_big=$1
    notices=$(sqlite3 "$B/big.db" "SELECT count(*) FROM notices")
    set -- $(timed ./jxgov check "$f"); t_chk=$1
    say "  $mb MB, $notices notices: ingest $t_big s ($(awk -v m=$mb -v t=$t_big 'BEGIN{printf "%.3f", t/m}') s per MB), check $t_chk s ($(awk -v m=$mb -v t=$t_chk 'BEGIN{printf "%.3f", t/m}') s per MB)"
done

# Before against after (BENCH_BEFORE=an older jxgov binary): both load the
# 1x corpus with -j 1 --no-search, turn about, three times each, so that
# both meet the same machine; the best of each gives the ratio.
if [ -n "${BENCH_BEFORE:-}" ]; then
    corpus=bench/corpus/n$N
    best_b= best_a=
    for r in 1 2 3; do
        for who in before after; do
            bin=./jxgov; [ $who = before ] && bin=$BENCH_BEFORE
            rm -f "$B"/ba.db*
            set -- $(timed "$bin" ingest -q -j 1 --no-search --db "$B/ba.db" "$corpus"/*.txt)
            if [ $who = before ]; then best_b=$(awk -v a="${best_b:-$1}" -v b=$1 'BEGIN { print (b < a ? b : a) }')
            else best_a=$(awk -v a="${best_a:-$1}" -v b=$1 'BEGIN { print (b < a ? b : a) }'); fi
        done
    done
    say "before ($BENCH_BEFORE) against after (./jxgov), ingest -j 1 --no-search of $N files, best of 3 each, turn about: $best_b s, $best_a s; after/before $(ratio $best_a $best_b)"
fi
