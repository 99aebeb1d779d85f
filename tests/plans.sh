# plans.sh: issue 14, point 7. The query shapes of bench/queries.sql and the
# README examples written for speed must keep the plan that makes them fast
# on the 4x corpus of make bench (README "Performance"): index seeks, no scan
# or temporary copy of a big table. Sourced by run.sh; uses its helpers and
# $T/all.db (the five seeds). The statements are read from README.md and
# bench/queries.sql, so what is checked is what is documented and timed.

# readme_sql COMMENT: the README statement whose comment starts "-- COMMENT"
readme_sql() {
    awk -v c="-- $1" 'index($0, c) == 1 { f = 1; next } f && /^--/ { next }
        f { print } f && /;[ \t]*$/ { exit }' "$here/../README.md"
}
# bench_sql NAME: the statement of bench/queries.sql named NAME
bench_sql() {
    awk -v c="-- name: $1" '$0 == c { f = 1; next } f && /^-- name: / { exit } f && !/^--/ { print }' \
        "$here/../bench/queries.sql"
}
# plan_ok LABEL SQL WANT UNWANTED: the plan has a line matching WANT (an
# ERE) and none matching UNWANTED
plan_ok() {
    if [ -z "$2" ]; then bad "plan of $1: no such statement"; return; fi
    p=$(printf 'EXPLAIN QUERY PLAN %s\n' "$2" | sqlite3 -bail "$T/all.db" 2>&1)
    if printf '%s\n' "$p" | grep -qE "$3" && ! printf '%s\n' "$p" | grep -qE "$4"; then ok
    else bad "plan of $1: want /$3/, none of /$4/:"; printf '%s\n' "$p" | head -n 20; fi
}

# a district beside 全市: every step a seek (a LEFT JOIN onto the view
# materialised every 全市 cell; a year with no index scanned every cell)
plan_ok "bench: one district beside 全市" "$(bench_sql "one district's targets side by side with 全市 (one notice)")" \
    'target_items_seq \(notice_id=\? AND item_seq=\? AND indicator=\?\)' 'SCAN|MATERIALIZE'
plan_ok "README: 海宁市 beside 全市" "$(readme_sql "海宁市's targets in 2024 and 2025")" \
    'target_items_year \(year=\?\)' 'SCAN|MATERIALIZE'
# a count over the whole database reads the loader's counts, one unit's by
# their key (the same counts from the rows read every index entry)
plan_ok "bench: one department's lead tasks" "$(bench_sql 'all tasks one department leads, across years')" \
    'SEARCH u USING PRIMARY KEY \(dept_id=\?\)' 'SCAN|task_units'
plan_ok "README: the tasks 市发展改革委 leads" "$(readme_sql 'all tasks that 市发展改革委 leads')" \
    'SEARCH u USING PRIMARY KEY \(dept_id=\?\)' 'SCAN|task_units'
plan_ok "bench: a correlated count per department" "$(bench_sql 'a correlated count of tasks per department')" \
    'SEARCH u USING PRIMARY KEY \(dept_id=\?\)' 'SCAN (u|tally_unit_totals)( |$)|task_units|tally_units '
plan_ok "bench: the leaders with the most tasks" "$(bench_sql 'the leaders with the most tasks')" \
    'SCAN tally_leaders' 'task_leaders'
plan_ok "README: tasks per kind and work year" "$(readme_sql 'tasks per kind and work year')" \
    'SCAN tally_tasks' 'tasks_year|SCAN t$'
plan_ok "README: the tasks of 市数据局 with the bodies it replaced" "$(readme_sql 'the tasks a year of 市数据局')" \
    'SEARCH u USING PRIMARY KEY \(dept_id=\?\)' 'SCAN (u|tally_units)( |$)|task_units'
# the same counts from the contract's views: one department's index entries,
# not all task units; the leaders' index in its order
plan_ok "bench: one department's lead tasks, from the rows" "$(bench_sql 'all tasks one department leads, across years, from the rows')" \
    'COVERING INDEX task_units_dept \(dept_id=\?' 'SCAN'
plan_ok "bench: a correlated count per department, from the rows" "$(bench_sql 'a correlated count of tasks per department, from the rows')" \
    'COVERING INDEX task_units_dept \(dept_id=\?\)' 'SCAN (u|task_units)( |$)'
plan_ok "bench: the leaders with the most tasks, from the rows" "$(bench_sql 'the leaders with the most tasks, from the rows')" \
    'COVERING INDEX task_leaders_leader' 'FOR GROUP BY'
# (each leader and unit once first: the join of every duty row loaded with
# its unit's tasks grew with the square of the corpus)
sup=$(readme_sql 'the tasks of the units each leader supervises')
plan_ok "README: the tasks of the units each leader supervises" "$sup" \
    'SEARCH u USING PRIMARY KEY \(dept_id=\?\)' 'SCAN (u|d|task_units|tally_units)( |$)'
plan_ok "README: the units each leader supervises, each once" "$sup" 'TEMP B-TREE FOR DISTINCT' 'SCAN (u|d|task_units)( |$)'
# one year's tasks, by tasks_year: the co-led, the units, the two characters
plan_ok "README: the co-led tasks of 2025 and 2026" "$(readme_sql 'the co-led tasks of 2025 and 2026')" \
    'tasks_year \(year=\?' 'SCAN t( |$)'
plan_ok "README: the units of the 2026 livelihood projects" "$(readme_sql 'the units of the 2026 livelihood projects')" \
    'tasks_year \(year=\? AND kind=\?\)' 'SCAN'
plan_ok "README: two characters" "$(readme_sql 'two characters: instr()')" 'tasks_year \(year=\?\)' 'SCAN'
plan_ok "README: a unit that shares a 2026 task with 市数据局" "$(readme_sql 'every unit that shares a 2026 task')" \
    'tasks_year \(year=\?\)|task_units_dept \(dept_id=\?\)' 'SCAN (t|u|task_units)( |$)'
# two years of target rows, by target_items_year, not every cell
plan_ok "README: the rows that do not add up" "$(readme_sql 'the 2024 and 2025 rows whose districts')" \
    'target_items_year \(year=\?\)' 'SCAN (i|v|target_items|target_values)( |$)'
# words in the bodies: the full-text index, not every body
plan_ok "README: the notices that mention 仲裁委员会" "$(readme_sql 'the notices that mention 仲裁委员会')" \
    'VIRTUAL TABLE INDEX [0-9]+:M' 'SCAN (n|notices)( |$)'
plan_ok "bench: a full-text search" "$(bench_sql 'a full-text search')" 'VIRTUAL TABLE INDEX [0-9]+:M' 'SCAN search$'
