# review.sh: sourced by run.sh. Regressions for the defects a code review
# found; each case names what went wrong before.
# The regressions with an input file are data now: tests/cases/review/
# (run by cases.sh). What stays here builds its input at run time.

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
