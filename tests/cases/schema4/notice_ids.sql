-- every task joins to its notice by notice_id, also where no 文号 is printed
SELECT n.year, n.doc_no IS NULL, count(*) FROM v_tasks t JOIN v_notices n USING (notice_id)
GROUP BY n.year, n.doc_no IS NULL ORDER BY 1;
SELECT 'targets of notices without a doc_no', count(*) FROM v_district_targets d JOIN v_notices n USING (notice_id)
WHERE n.doc_no IS NULL;
SELECT 'tasks whose notice_id finds no notice', count(*) FROM v_tasks WHERE notice_id NOT IN (SELECT notice_id FROM v_notices);
SELECT 'duty', n.doc_no, count(*) FROM v_leader_duty_changes x JOIN v_notices n USING (notice_id) GROUP BY n.doc_no;
SELECT 'topics', n.doc_no, count(*) FROM v_research_topics x JOIN v_notices n USING (notice_id) GROUP BY n.doc_no ORDER BY 2;
SELECT 'members', n.doc_no, count(*) FROM v_committee_members x JOIN v_notices n USING (notice_id) GROUP BY n.doc_no;
SELECT 'governments', group_concat(DISTINCT government) FROM v_notices;
SELECT 'unit governments', group_concat(DISTINCT government) FROM v_task_departments;
