-- a phrase of three characters or more: the trigram index
SELECT s.kind, n.doc_no, t.source_line FROM search s JOIN v_notices n ON n.notice_id = s.notice_id
LEFT JOIN v_tasks t ON s.kind = 'task' AND t.task_id = s.ref_id
WHERE search MATCH '低空经济' ORDER BY s.kind, n.doc_no, t.source_line;
SELECT 'task rows are the tasks', (SELECT count(*) FROM search WHERE kind = 'task') = (SELECT count(*) FROM tasks),
       (SELECT count(*) FROM search s JOIN tasks t ON t.task_id = s.ref_id AND s.kind = 'task' AND t.text = s.text
        AND t.notice_id = s.notice_id) = (SELECT count(*) FROM tasks);
SELECT 'every notice has paragraphs', count(*) FROM v_notices n
WHERE NOT EXISTS (SELECT 1 FROM search s WHERE s.notice_id = n.notice_id AND s.kind = 'notice');
