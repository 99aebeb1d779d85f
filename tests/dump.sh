#!/bin/sh
# dump.sh DB VIEWSET [PATH-PATTERN]: prints contract-view rows in the golden
# format of tests/golden/FORMAT.md, sorted, so runs can be diffed. Leader
# order comes from the table behind v_task_leaders (the view has no position).
# The view sets, one a line: the name; how many of its first columns hold
# what a row says (the rest say where it was printed: a file name, a line,
# which a copy of the text does not share); "own" for the contents a
# gazette carries of its own (not notices and their lists). A new record
# kind is a line here and its query below; the loops of run.sh and
# tables.sh take the sets from here:
#   dump.sh --sets all|own    the names
#   dump.sh --cols SET        its first columns that hold what a row says
sets='
notices           5  -
gazette_issues    4  -
tasks             10 -
targets           9  -
appointments      6  own
catalog           5  own
duty_changes      6  own
references        3  own
research_topics   3  own
committee_members 4  own
'
case $1 in
--sets) echo "$sets" | awk -v w="$2" 'NF && (w == "all" || $3 == w) { print $1 }'; exit ;;
--cols) echo "$sets" | awk -v s="$2" '$1 == s { print $2; found = 1 } END { exit !found }' ||
            { echo "dump.sh: unknown view set $2" >&2; exit 2; }; exit ;;
esac
db=$1 what=$2 pat=${3:-%}
q() { sqlite3 -batch -separator '	' -nullvalue NULL "$db" "$1" | LC_ALL=C sort; }
case $what in
notices)
  q "SELECT doc_no, issuer, title, issued_on, year FROM v_notices WHERE notice_id IN
       (SELECT notice_id FROM notice_sources JOIN v_sources USING (source_id) WHERE path LIKE '$pat')" ;;
gazette_issues)
  q "SELECT g.year, g.issue, g.total_issue, g.published_on,
            replace(s.path, rtrim(s.path, replace(s.path, '/', '')), '')
     FROM v_gazette_issues g JOIN v_sources s USING (source_id)" ;;
tasks)
  q "SELECT t.doc_no, t.year, t.kind, t.category, t.section, t.seq, t.sub_seq,
       (SELECT group_concat(leader || '/' || coalesce(title, 'NULL'), '|')
          FROM (SELECT * FROM task_leaders l WHERE l.task_id = t.task_id ORDER BY position)),
       (SELECT group_concat(CASE role WHEN 'lead' THEN '+' ELSE '' END || department, '|')
          FROM (SELECT * FROM v_task_departments d WHERE d.task_id = t.task_id ORDER BY position)),
       t.text
     FROM v_tasks t JOIN v_sources s USING (source_id) WHERE s.path LIKE '$pat'" ;;
targets)
  q "SELECT d.doc_no, d.year, d.item_seq, d.item, d.indicator, d.unit, d.district, d.value_text,
            CASE WHEN d.value_num = CAST(d.value_num AS INTEGER) THEN CAST(d.value_num AS INTEGER)
                 ELSE d.value_num END
     FROM v_district_targets d JOIN v_sources s USING (source_id) WHERE s.path LIKE '$pat'" ;;
appointments)
  q "SELECT a.year, a.month, a.action, a.person, a.post, a.note,
            replace(s.path, rtrim(s.path, replace(s.path, '/', '')), ''), a.source_line
     FROM v_appointments a JOIN v_sources s USING (source_id) WHERE s.path LIKE '$pat'" ;;
catalog)
  q "SELECT year, issue, doc_no, title, notice_id IS NOT NULL FROM v_catalog" ;;
duty_changes)
  q "SELECT doc_no, leader, leader_title, action, relation, subject FROM v_leader_duty_changes" ;;
references)
  q "SELECT n.doc_no, r.cited_doc_no, r.cited_title, r.source_line
     FROM v_references r JOIN v_notices n USING (notice_id)
     JOIN v_sources s ON s.source_id = r.source_id WHERE s.path LIKE '$pat'" ;;
research_topics)
  q "SELECT year, seq, title FROM v_research_topics" ;;
committee_members)
  q "SELECT doc_no, role, person, affiliation FROM v_committee_members" ;;
*) echo "dump.sh: unknown view set $what" >&2; exit 2 ;;
esac
