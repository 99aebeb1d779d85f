-- the canonical unit beside each printed subject of 张海燕, 黄亮 and 戴锋
SELECT leader, leader_title, action, relation, subject, department, source_line FROM v_leader_duty_changes
WHERE leader IN ('张海燕', '黄亮', '戴锋') ORDER BY leader, relation, subject;
-- and the tasks they find
SELECT 'tasks', c.leader, count(DISTINCT d.task_id) FROM v_leader_duty_changes c
JOIN v_task_departments d ON d.department = c.department
WHERE c.leader IN ('张海燕', '黄亮') AND c.relation = 'supervises' GROUP BY c.leader ORDER BY c.leader;
