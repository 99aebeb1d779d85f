-- tasks with more than one leader: where each printing names its leader
SELECT t.year, t.kind, t.section, t.seq, t.source_line, l.leader, l.leader_title, l.source_line
FROM v_task_leaders l JOIN v_tasks t USING (task_id)
WHERE t.task_id IN (SELECT task_id FROM v_task_leaders GROUP BY task_id HAVING count(*) > 1)
ORDER BY t.year, t.kind, t.section, t.seq, l.source_line, l.leader;
SELECT 'livelihood tasks', year, count(*) FROM v_tasks WHERE kind = 'livelihood' AND year = 2025;
