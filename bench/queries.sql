-- bench/queries.sql: the query shapes of issue 14 that must answer in under
-- 100 ms on the 4x corpus; bench/queries.sh times each, and every ```sql
-- example of README.md. One statement per block, a '-- name' line first.
-- A count over the whole database reads the loader's counts (v_*_counts);
-- the same count "from the rows" of the contract's views is timed beside it.
-- name: all tasks one department leads, across years
SELECT year, kind, tasks FROM v_department_counts
WHERE department = '市发展改革委' AND role = 'lead' ORDER BY year, kind;
-- name: all tasks one department leads, across years, from the rows
SELECT t.year, t.kind, count(*) FROM v_task_departments d JOIN v_tasks t USING (task_id)
WHERE d.department = '市发展改革委' AND d.role = 'lead' GROUP BY t.year, t.kind ORDER BY t.year;
-- name: one district's targets side by side with 全市 (one notice)
SELECT h.item_seq, h.item, h.indicator, h.value_text,
       (SELECT c.value_text FROM v_district_targets c WHERE c.notice_id = h.notice_id
        AND c.item_seq = h.item_seq AND c.indicator IS h.indicator AND c.district = '全市')
FROM v_district_targets h
WHERE h.district = '海宁市' AND h.notice_id = (SELECT notice_id FROM v_notices WHERE doc_no = '嘉政办发〔2025〕3号')
ORDER BY h.item_seq;
-- name: the leaders with the most tasks
SELECT leader, sum(tasks) AS tasks FROM v_leader_counts GROUP BY leader ORDER BY tasks DESC LIMIT 10;
-- name: the leaders with the most tasks, from the rows
SELECT leader, count(*) AS tasks FROM v_task_leaders GROUP BY leader ORDER BY tasks DESC LIMIT 10;
-- name: a correlated count of tasks per department
SELECT p.department, (SELECT sum(c.tasks) FROM v_department_totals c WHERE c.department = p.department) AS tasks
FROM v_departments p ORDER BY tasks DESC;
-- name: a correlated count of tasks per department, from the rows
SELECT p.department, (SELECT count(*) FROM v_task_departments d WHERE d.department = p.department) AS tasks
FROM v_departments p ORDER BY tasks DESC;
-- name: a full-text search
SELECT kind, ref_id, snippet(search, 0, '[', ']', '…', 12) FROM search WHERE search MATCH '低空经济' LIMIT 50;
