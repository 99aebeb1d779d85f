# tables.sh: sourced by run.sh. Every copy a real source makes of a seed
# (PDF copies with page furniture, tables in other export forms) must give
# the views the seed itself gives. The hand-read cases of the same readers
# are in tests/cases/tables/ (run by cases.sh).

# views_of DB PREFIX: every view set of a database, without the columns
# that hold line numbers (a copy's lines are not the seed's)
views_of() {
    for v in $all_sets; do dump "$1" $v | cut -f1-"$(dump --cols $v)" > "$2.$v"; done
}
# same_views NAME SEED-PREFIX COPY-PREFIX
same_views() {
    for v in $all_sets; do
        expect_same "$1: $v" "$2.$v" "$3.$v"
    done
}
# like_seed NAME FILE: FILE, loaded into a new database, gives the views of
# seed $s (in $T/seed$s)
like_seed() {
    rm -f "$T/like.db"; ingest "$T/like.db" "$2"; views_of "$T/like.db" "$T/like"
    same_views "$1" "$T/seed$s" "$T/like"
}
for s in 000 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    rm -f "$T/seed.db"; ingest "$T/seed.db" "$src"; views_of "$T/seed.db" "$T/seed$s"
done

# ---- PDF copies: hard wraps and a page number in every common form ----
for s in 000 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    for form in emdash tight fullwidth ascii dash page pageof slash header; do
        $PERTURB pdf 30 $form "$src" > "$T/pdf.txt"
        like_seed "$s as a PDF copy, page numbers $form" "$T/pdf.txt"
    done
done

# at other widths (GB/T 9704 sets 28 characters a line; exports vary): a
# wrap then cuts other words (…发 / 文目录, 《…》解 / 读, 课题计 / 划), which
# only the rejoining of full lines mends; and a page break falls between
# other rows of 003's cell-per-line table, whose header's width (vertical
# text) is unknown: the next row number after it opens the row.
for s in 000 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    for w in 20 22 25 28 32 36 40; do
        $PERTURB pdf $w emdash "$src" > "$T/pdf.txt"
        like_seed "$s as a PDF copy wrapped at $w" "$T/pdf.txt"
    done
    for w in 25 36; do
        $PERTURB pdfcells $w page "$src" > "$T/pdf.txt"
        like_seed "$s as a PDF copy with its cells wrapped at $w" "$T/pdf.txt"
    done
done

# the cells of cell-per-line tables wrapped too, page numbers inside the
# header's vertical text and inside cells
for s in 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    for form in emdash page; do
        $PERTURB pdfcells 30 $form "$src" > "$T/pdf.txt"
        like_seed "$s as a PDF copy with its cells wrapped, page numbers $form" "$T/pdf.txt"
    done
done

# rows printed on one line (000's annex) cut by the wrap too, anywhere: inside
# a cell, right after a tab, a bare number left alone on a line; below 30 the
# header's own first row (序号…建设任务 and its ten empty cells) is cut too,
# right after its last label (20) or among its empty cells (22, 25, 28)
s=000
for w in 20 22 25 28 30 35 40; do
    for form in emdash pageof header; do
        $PERTURB pdfrows $w $form "$s000" > "$T/pdf.txt"
        like_seed "000 as a PDF copy with its one-line rows wrapped at $w, page numbers $form" "$T/pdf.txt"
    done
done

# ---- the seeds' tables in the other export forms ----
# 000's annex (tab-separated rows under a header of two rows, printed three
# times, its rows 15 or 16 cells wide) printed one cell per paragraph is cut
# again by the header's width and the 序号 sequence. html: a page's source,
# a row a line; htmlcells: its tags and each cell's paragraphs on lines of
# their own, indented (a row is one line whatever the source's breaks);
# csv: a spreadsheet's CSV, a cell's lines inside quotes.
for s in 000 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    for form in para paranone paravert pipe pipeouter pipebare pipemd cellpipe html htmlcells csv; do
        $PERTURB $form "$src" > "$T/form.txt"
        like_seed "$s with its tables as $form" "$T/form.txt"
    done
done

# A PDF text export with no line breaks at all: each table of one text column
# (or 项目名称 and its content) and one or two unit columns joined into one
# line, no separator between its cells (perturb run); src/unrun.c finds
# header, rows and unit cells inside the run again (003's follow-on rows
# without a number, 004's group rows and numbering restarted under them,
# trailing spaces in a unit cell, 004's project names glued to their content).
for s in 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    $PERTURB run "$src" > "$T/form.txt"
    grep -q '序号主' "$T/form.txt" || bad "$s: perturb run joined no table"
    like_seed "$s with its tables joined into one run" "$T/form.txt"
done

# A PDF copy of a web page's copy: cells per paragraph, hard-wrapped, page
# numbers between the lines of a cell, between cells and beside empty cells.
for s in 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    for form in emdash pageof; do
        $PERTURB para "$src" > "$T/form1.txt"; $PERTURB pdf 30 $form "$T/form1.txt" > "$T/form.txt"
        like_seed "$s one cell per paragraph, as a PDF copy with $form" "$T/form.txt"
    done
done


# A per-district target table joined into one run: 003's table and 000's
# annex, with their grouping column (perturb rundist: 事项分类, 项目名称 beside
# 主要内容) and without it (rundistflat). unrun.c rebuilds it where its cells
# read one way. Every target row the copy gives is the seed's own (nothing
# guessed), and the lines it lacks are exactly those it names: values glued
# into digits that split more than one way (003's 学生满意食堂
# 1001491111111618316 is also 100 1 4 9 11 11 11 16 18 3 16) or in none (000's
# 结直肠癌筛查 and 幸福河湖示范项目 print 10 values under 11 columns); a
# grouping cell or a first indicator glued to the item's text where the
# notice's own list does not print that text (000's 2 免托管费 is listed as
# 免代管费, 15 应急救援 as 应急救护, 31 应急消防管理站 as 应急管理站); and all of
# 003's grouped table, whose items no list prints, is left as printed.
for mode in rundist rundistflat; do
for s in 003 000; do
    src=$(ls "$seeds"/${s}_*.txt)
    $PERTURB $mode "$src" > "$T/form.txt"
    grep -q '全市目标任务南湖区\|全市任务南湖区' "$T/form.txt" || bad "$s: perturb $mode joined no table"
    case $mode in
    rundist) grep -q '1医疗卫生为60岁\|1教育助学建设示范性' "$T/form.txt" || bad "$s: perturb rundist dropped the grouping cells" ;;
    esac
    rm -f "$T/like.db"; "$JXGOV" ingest -q --db "$T/like.db" "$T/form.txt" 2> "$T/like.err"
    dump "$T/like.db" targets | cut -f1-"$(dump --cols targets)" | LC_ALL=C sort > "$T/like.targets"
    LC_ALL=C sort "$T/seed$s.targets" > "$T/seed.targets"
    LC_ALL=C comm -13 "$T/seed.targets" "$T/like.targets" > "$T/extra"
    [ -s "$T/extra" ] && bad "$s as a district run ($mode): rows the seed does not have: $(head -n 1 "$T/extra")" || ok
    # how many of the seed's target lines (item, indicator) the copy reads
    cut -f3,5 "$T/like.targets" | LC_ALL=C sort -u | wc -l | tr -d ' ' > "$T/read"
    case "$mode $s" in
    "rundist 003") echo 0 ;; "rundist 000") echo 33 ;;
    "rundistflat 003") echo 41 ;; "rundistflat 000") echo 35 ;;
    esac > "$T/read.want"
    expect_same "$s as a district run ($mode): target lines read" "$T/read.want" "$T/read"
    # the (item, indicator) of every line the copy lacks
    LC_ALL=C comm -23 "$T/seed.targets" "$T/like.targets" | cut -f3,5 | LC_ALL=C sort -u > "$T/lost"
    lost000='1	NULL
7	结直肠癌筛查
8	NULL
21	燃气管网
23	幸福河湖示范项目
25	NULL
31	专职消防队
31	应急消防管理站
31	防汛防台体系标准化乡镇（街道）'
    case "$mode $s" in
    "rundist 003") cut -f3,5 "$T/seed.targets" | LC_ALL=C sort -u ;;
    "rundistflat 003") printf '%s\n' '7	学生满意食堂' '10	老年助餐点' '12	NULL' '23	供水管网' '30	文艺演出' '33	NULL' '34	NULL' ;;
    "rundist 000") printf '%s\n' "$lost000" '2	NULL' '15	NULL' ;;
    "rundistflat 000") printf '%s\n' "$lost000" ;;
    esac | LC_ALL=C sort > "$T/lost.want"
    expect_same "$s as a district run ($mode): the lines left out" "$T/lost.want" "$T/lost"
    # the tasks (003's district rows are its 民生实事 tasks, their category the
    # 事项分类 cell) are the seed's where the grouping column is printed
    if [ $mode = rundist ]; then
        dump "$T/like.db" tasks | cut -f1-"$(dump --cols tasks)" | LC_ALL=C sort > "$T/like.tasks"
        LC_ALL=C sort "$T/seed$s.tasks" > "$T/seed.tasks"
        LC_ALL=C comm -13 "$T/seed.tasks" "$T/like.tasks" > "$T/extra"
        [ -s "$T/extra" ] && bad "$s as a district run ($mode): tasks the seed does not have: $(head -n 1 "$T/extra")" || ok
    fi
    # and each is named, with what it printed
    "$JXGOV" check "$T/form.txt" 2>&1 | grep 'left out$\|left as printed' | sed 's/^[^ ]* warning: //' > "$T/named"
    sum1='item 1: 100991510111918513 reads as 11 values in more than one way; its values are left out'
    sum7='item 7 结直肠癌筛查: 1236001100011000200001160010000350002200016001400 reads as 11 values in no way; its values are left out'
    sum8='item 8: 2000027072117245520381763362537951150350/ reads as 11 values in more than one way; its values are left out'
    sum21='item 21 燃气管网: 65//5581810/118 reads as 11 values in more than one way; its values are left out'
    sum23='item 23 幸福河湖示范项目: 7111111/// reads as 11 values in no way; its values are left out'
    sum25='item 25: 80093839586671591525213/ reads as 11 values in more than one way; its values are left out'
    case "$mode $s" in
    "rundist 003") printf '%s\n' \
        'a per-district table joined into one line is left as printed: its grouping column (事项分类) cannot be told from the items'"'"' text' ;;
    "rundistflat 003") printf '%s\n' \
        'item 7 学生满意食堂: 1001491111111618316 reads as 11 values in more than one way; its values are left out' \
        'item 10 老年助餐点: 2002519252521403753/ reads as 11 values in more than one way; its values are left out' \
        'item 12: 15000020795165611700015211150002500025000126352798/ reads as 11 values in more than one way; its values are left out' \
        'item 23 供水管网: 38//1410511.3/0.76 reads as 11 values in more than one way; its values are left out' \
        'item 30 文艺演出: 28074243433223352285365135650/ reads as 11 values in more than one way; its values are left out' \
        'item 33: 72117989121141/ reads as 11 values in more than one way; its values are left out' \
        'item 34: 674/119/2320/// reads as 11 values in more than one way; its values are left out' ;;
    "rundist 000") printf '%s\n' "$sum1" \
        'item 2: its 项目名称 cell cannot be told from its text; the item is left out' \
        "$sum7" "$sum8" \
        'item 15: its 项目名称 cell cannot be told from its text; the item is left out' \
        "$sum21" "$sum23" "$sum25" \
        'item 31: its 项目名称 cell and its first indicator cannot be told from its text (a 单位 column); the item is left out' ;;
    "rundistflat 000") printf '%s\n' "$sum1" "$sum7" "$sum8" "$sum21" "$sum23" "$sum25" \
        'item 31: its first indicator cannot be told from its text (a 单位 column); the item is left out' ;;
    esac > "$T/named.want"
    expect_same "$s as a district run ($mode): the warnings" "$T/named.want" "$T/named"
done
done

# 000 with its notice's list joined into one line as well (a no-break export
# of the whole page; the list is 2025 年政府民生实项目责任分解, up to 附件：):
# the list's items are found inside that run and tell the annex's cells
# apart as before, the same 33 lines, each the seed's own.
src=$(ls "$seeds"/000_*.txt)
$PERTURB rundist "$src" | awk '/^2025 年政府民生实项目责任分解$/ { print; j = 1; next }
    j && /^附件：/ { print buf; print ""; j = 0 }
    j { buf = buf $0; next } { print }' > "$T/form.txt"
[ "$(awk 'length($0) > 3000' "$T/form.txt" | grep -c '责任单位')" = 1 ] || bad "000: the list was not joined into one line"
rm -f "$T/like.db"; ingest "$T/like.db" "$T/form.txt"
dump "$T/like.db" targets | cut -f1-"$(dump --cols targets)" | LC_ALL=C sort > "$T/like.targets"
LC_ALL=C sort "$T/seed000.targets" > "$T/seed.targets"
LC_ALL=C comm -13 "$T/seed.targets" "$T/like.targets" > "$T/extra"
[ -s "$T/extra" ] && bad "000 with its list joined: rows the seed does not have: $(head -n 1 "$T/extra")" || ok
cut -f3,5 "$T/like.targets" | LC_ALL=C sort -u | wc -l | tr -d ' ' > "$T/read"
echo 33 > "$T/read.want"
expect_same "000 with its list joined: target lines read" "$T/read.want" "$T/read"
