# review.sh: sourced by run.sh. Regressions for the defects a code review
# found; each case names what went wrong before. Inputs in tests/cases/review.
R=$here/cases/review
rq() { sqlite3 -batch -separator '|' -nullvalue NULL "$T/rv.db" "$1" | tr '\n' ' ' | sed 's/ $//'; }
rload() { rm -f "$T/rv.db"*; for f in "$@"; do "$JXGOV" ingest -q --db "$T/rv.db" "$R/$f" 2> /dev/null; done; }
rcheck() {  # NAME QUERY WANT
    got=$(rq "$2")
    [ "$got" = "$3" ] && ok || bad "review: $1: got '$got', want '$3'"
}

# Unicode digits are not doc_no or item digits (signed overflow, "〔2025〕-1011号")
rload t1.txt
rcheck "mathematical digits in a doc_no" "SELECT doc_no FROM v_notices" "NULL"
rload t3.txt
rcheck "Arabic-Indic digits in a doc_no and an item number" "SELECT doc_no, (SELECT count(*) FROM v_tasks) FROM v_notices" "NULL|0"
# a table ends where a 解读 or the 发文目录 begins (its text became departments)
rload t10.txt
rcheck "a table followed by a 解读" "SELECT group_concat(department, ',') FROM v_task_departments" "市教育局,市建设局"
rload t11.txt
rcheck "a table followed by the 发文目录: tasks" "SELECT count(*), group_concat(department, ',') FROM v_tasks JOIN v_task_departments USING (task_id)" "2|市教育局,市建设局"
rcheck "a table followed by the 发文目录: catalog" "SELECT count(*) FROM v_catalog" "2"
# an inline clause ends at its own bracket (units with brackets were cut, the rest dropped)
rload t12.txt
rcheck "brackets inside an inline clause" \
    "SELECT group_concat(department, ',') FROM (SELECT * FROM v_task_departments ORDER BY task_id, position)" \
    "市教育局,各县（市、区）政府,市教育局,市财政局,市卫生健康委,市财政局"
# a tab inside an item line is prose, not a table (the whole list was dropped)
rload t16.txt
rcheck "a tab after an item number" "SELECT count(*) FROM v_tasks" "2"
# glued names inside a 双牵头 range all lead
rload t18.txt
rcheck "glued names among leads" "SELECT group_concat(department || ':' || role, ',') FROM (SELECT * FROM v_task_departments ORDER BY position)" \
    "市红十字会:lead,市卫生健康委:lead,市民政局:lead,市财政局:member"
# 决定任命： is a heading (it became person 决定)
rload t19.txt
rcheck "a long 任命 heading" "SELECT group_concat(person, ',') FROM (SELECT * FROM v_appointments ORDER BY source_line, person)" "胥虎,张三,李四"
# an entry without a month heading, printed in two files, is kept once
rload t20a.txt t20b.txt
rcheck "appointments without a month, twice" "SELECT count(*) FROM v_appointments" "1"
# a 《title》 at the very start of a line is found
rload t9.txt
rcheck "a cited title at the start of a line" "SELECT group_concat(cited_title, ',') FROM (SELECT * FROM v_references ORDER BY source_line)" \
    "嘉兴市某某管理办法,浙江省某某条例"
# a row as wide as the header is read by position (a text value cut the run)
rload t24.txt
rcheck "a text value among numbers" "SELECT group_concat(district || '=' || value_text, ',') FROM (SELECT * FROM v_district_targets ORDER BY source_line, rowid)" \
    "全市=10,南湖区=完成,秀洲区=5,嘉善县=5"
# an empty 责任单位 cell after the districts inherits; a text target is not a department
rload t15.txt
rcheck "a text target is not a department" "SELECT group_concat(department, ',') FROM (SELECT * FROM v_task_departments ORDER BY task_id)" "市教育局,市教育局"

# Quadratic traps: each must finish (a hang fails the run under CI's limit,
# and `timeout` turns it into a failure here); sizes where quadratic work
# would take minutes.
{ printf '嘉兴市人民政府办公室关于印发测试的通知\n\n嘉政办发〔2031〕1号\n\n各县（市、区）人民政府：\n\n序号\t名称\n'
  awk 'BEGIN { for (i = 0; i < 60000; i++) print "续行文字续行文字" }'; } > "$T/quad1.txt"
{ printf '嘉兴市人民政府办公室关于印发测试的通知\n\n嘉政办发〔2031〕2号\n\n各县（市、区）人民政府：\n\n2031年重点工作责任分解\n\n1. 做事。\n\n责任单位：'
  awk 'BEGIN { for (i = 0; i < 200000; i++) printf "（"; print "" }'; } > "$T/quad2.txt"
{ printf '嘉兴市人民政府关于测试的通知\n\n嘉政发〔2031〕3号\n\n各县（市、区）人民政府：\n\n'
  awk 'BEGIN { for (i = 0; i < 40000; i++) printf "》（嘉政发〔2024〕1号）"; print "" }'; } > "$T/quad3.txt"
for q in quad1 quad2 quad3; do
    rm -f "$T/q.db"*
    timeout 120 "$JXGOV" ingest -q --db "$T/q.db" "$T/$q.txt" > /dev/null 2>&1
    st=$?
    [ $st = 0 ] && ok || bad "review: $q: exit $st (124 = did not finish in 120 s)"
done
n=$(sqlite3 "$T/q.db" "SELECT count(*) FROM v_references")
[ "$n" = 40000 ] && ok || bad "review: 40 000 citations on one line: got $n"
