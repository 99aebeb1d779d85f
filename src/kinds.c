/* kinds.c: the table of record kinds. The parser sets its lists up and
 * frees them from it, and the writer groups, deletes and inserts their rows
 * from it, so that a new kind is a line of JX_KINDS, a row here, and the
 * reader that fills its list. */
#include "jxgov.h"

#include <stddef.h>

/* preferred() of load.c in SQL: whether the row being inserted comes from
 * a source preferred to that of the row of table it collides with. */
#define PREFERRED_SQL(table)                                                                  \
    "(SELECT n.is_gazette < o.is_gazette OR (n.is_gazette = o.is_gazette AND n.sha256 < o.sha256)" \
    " FROM sources n, sources o WHERE n.source_id = excluded.source_id AND o.source_id = " table ".source_id)"

#define AT(type, field) offsetof(type, field)

const jx_kind jx_kinds[K_COUNT] = {
    [K_GAZETTE] = {"gazette_issues", sizeof(jx_gazette), -1,
                   "INSERT OR IGNORE INTO gazette_issues (source_id, year, issue, total_issue, published_on)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)",
                   "Snttt", {0, AT(jx_gazette, year), AT(jx_gazette, issue), AT(jx_gazette, total_issue),
                             AT(jx_gazette, published_on)}, {NULL}},
    /* a body paragraph's search row is in the notice's range
     * -(notice_id * 2^20 + 0 .. 2^20 - 1) (schema.sql) */
    [K_NOTICE] = {"notices", sizeof(jx_notice), -1, NULL, NULL, {0},
                  {"DELETE FROM search WHERE rowid BETWEEN -((?1 << 20) + 1048575) AND -(?1 << 20)"}},
    /* a task's search row is its task_id */
    [K_TASK] = {"tasks", sizeof(jx_task), AT(jx_task, notice), NULL, NULL, {0},
                {"DELETE FROM search WHERE rowid IN (SELECT task_id FROM tasks WHERE notice_id = ?1)",
                 "DELETE FROM task_leaders WHERE task_id IN (SELECT task_id FROM tasks WHERE notice_id = ?1)",
                 "DELETE FROM task_units WHERE task_id IN (SELECT task_id FROM tasks WHERE notice_id = ?1)",
                 "DELETE FROM tasks WHERE notice_id = ?1"}},
    [K_TARGET] = {"target_items", sizeof(jx_target), AT(jx_target, notice), NULL, NULL, {0},
                  {"DELETE FROM target_values WHERE item_id IN"
                   " (SELECT item_id FROM target_items WHERE notice_id = ?1)",
                   "DELETE FROM target_items WHERE notice_id = ?1"}},
    /* An entry printed in several files is one row, and its other columns
     * come from the preferred source, as a notice's do. */
    [K_APPOINTMENT] = {"appointments", sizeof(jx_appointment), -1,
                       "INSERT OR IGNORE INTO appointments (year, month, action, person, post, note,"
                       " source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                       " ON CONFLICT (coalesce(year, 0), coalesce(month, 0), action, person, post) DO UPDATE"
                       " SET note = excluded.note, source_id = excluded.source_id, source_line = excluded.source_line"
                       " WHERE " PREFERRED_SQL("appointments"),
                       "nnttttSl", {AT(jx_appointment, year), AT(jx_appointment, month), AT(jx_appointment, action),
                                    AT(jx_appointment, person), AT(jx_appointment, post), AT(jx_appointment, note), 0,
                                    AT(jx_appointment, line)}, {NULL}},
    [K_CATALOG] = {"catalog", sizeof(jx_catalog), -1,
                   "INSERT OR IGNORE INTO catalog (year, issue, doc_no, title, source_id, source_line)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                   " ON CONFLICT (coalesce(year, 0), coalesce(issue, ''), doc_no) DO UPDATE"
                   " SET title = excluded.title, source_id = excluded.source_id, source_line = excluded.source_line"
                   " WHERE " PREFERRED_SQL("catalog"),
                   "ntttSl", {AT(jx_catalog, year), AT(jx_catalog, issue), AT(jx_catalog, doc_no),
                              AT(jx_catalog, title), 0, AT(jx_catalog, line)}, {NULL}},
    [K_DUTY] = {"leader_duty_changes", sizeof(jx_duty), AT(jx_duty, notice),
                "INSERT INTO leader_duty_changes (notice_id, position, leader, title, action, relation,"
                " subject, source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                "NPtttttSl", {0, 0, AT(jx_duty, leader), AT(jx_duty, title), AT(jx_duty, action),
                              AT(jx_duty, relation), AT(jx_duty, subject), 0, AT(jx_duty, line)},
                {"DELETE FROM leader_duty_changes WHERE notice_id = ?1"}},
    [K_REFERENCE] = {"notice_references", sizeof(jx_reference), AT(jx_reference, notice),
                     "INSERT INTO notice_references (notice_id, position, cited_doc_no, cited_title,"
                     " source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     "NPttSl", {0, 0, AT(jx_reference, cited_doc_no), AT(jx_reference, cited_title), 0,
                                AT(jx_reference, line)},
                     {"DELETE FROM notice_references WHERE notice_id = ?1"}},
    [K_TOPIC] = {"research_topics", sizeof(jx_topic), AT(jx_topic, notice),
                 "INSERT OR IGNORE INTO research_topics (notice_id, year, seq, title, source_id, source_line)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                 "NiltSl", {0, AT(jx_topic, year), AT(jx_topic, seq), AT(jx_topic, title), 0, AT(jx_topic, line)},
                 {"DELETE FROM research_topics WHERE notice_id = ?1"}},
    [K_MEMBER] = {"committee_members", sizeof(jx_member), AT(jx_member, notice),
                  "INSERT INTO committee_members (notice_id, position, role, person, affiliation,"
                  " source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  "NPtttSl", {0, 0, AT(jx_member, role), AT(jx_member, person), AT(jx_member, affiliation), 0,
                              AT(jx_member, line)},
                  {"DELETE FROM committee_members WHERE notice_id = ?1"}},
};
