-- the task each target item measures: its list section and number
SELECT DISTINCT d.year, d.item_seq, t.kind, t.section, t.seq, t.sub_seq
FROM v_district_targets d LEFT JOIN v_tasks t USING (task_id) ORDER BY d.year, d.item_seq;
SELECT 'items without a task', count(*) FROM v_district_targets WHERE task_id IS NULL;
SELECT 'tasks of another notice', count(*) FROM v_district_targets d JOIN v_tasks t USING (task_id)
WHERE t.notice_id <> d.notice_id;
