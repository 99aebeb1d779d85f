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
# again by the header's width and the 序号 sequence.
for s in 000 001 002 003 004; do
    src=$(ls "$seeds"/${s}_*.txt)
    for form in para paranone paravert pipe pipeouter pipebare pipemd cellpipe; do
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

