import type { Db } from '../db/connection';
import { compareNames } from '../../../shared/collation';
import type { TodayOverview } from '../../../shared/todaySchemas';

const DAY_MS = 24 * 60 * 60 * 1000;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** How far ahead "deze week" looks: the coming seven days. */
export const WEEK_AHEAD_DAYS = 7;

/** The local calendar date of `ms` as YYYY-MM-DD (due dates and held-on dates are local dates). */
export function localIsoDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The mentor's day in one place, across all (not archived) students: agreements due up to a
 * week from now (overdue first), students without a dialogue for `quietWeeks` weeks — counted
 * from their last dialogue or, when they have none yet, from when they were added, so that a
 * student added today is not "quiet" — and drafts not yet finalised. Three queries, no loop
 * over students: a school vault has a thousand of them. Names sort in Dutch order (compareNames)
 * in JS, since SQLite's COLLATE NOCASE put every accented capital after z.
 */
export function todayOverview(db: Db, now: number, quietWeeks: number): TodayOverview {
  const today = localIsoDate(now);
  const weekEnd = localIsoDate(now + WEEK_AHEAD_DAYS * DAY_MS);
  const quietSince = localIsoDate(now - quietWeeks * 7 * DAY_MS);

  const dueActions = (db.prepare(`
    SELECT a.id AS actionId, a.student_id AS studentId, s.display_name AS studentName, a.text, a.owner, a.due_date AS dueDate,
           a.dialogue_id AS dialogueId
    FROM agreements a JOIN students s ON s.id = a.student_id
    WHERE a.done_at IS NULL AND a.due_date IS NOT NULL AND a.due_date <= ? AND s.archived_at IS NULL
    ORDER BY a.due_date, a.created_at, a.id`).all(weekEnd) as Omit<TodayOverview['dueActions'][number], 'overdue'>[])
    // Array.sort is stable: within one date and one name the SQL order (oldest first) stays.
    .sort((a, b) => byText(a.dueDate, b.dueDate) || compareNames(a.studentName, b.studentName))
    .map((row) => ({ ...row, overdue: row.dueDate < today }));

  const quietStudents = (db.prepare(`
    SELECT s.id AS studentId, s.display_name AS studentName, MAX(d.held_on) AS lastDialogueOn
    FROM students s LEFT JOIN dialogues d ON d.student_id = s.id
    WHERE s.archived_at IS NULL
    GROUP BY s.id
    HAVING COALESCE(MAX(d.held_on), substr(s.created_at, 1, 10)) < ?
    ORDER BY COALESCE(MAX(d.held_on), ''), s.id`).all(quietSince) as TodayOverview['quietStudents'])
    .sort((a, b) => byText(a.lastDialogueOn ?? '', b.lastDialogueOn ?? '') || compareNames(a.studentName, b.studentName));

  const drafts = (db.prepare(`
    SELECT d.id AS dialogueId, d.student_id AS studentId, s.display_name AS studentName, d.title, d.held_on AS heldOn
    FROM dialogues d JOIN students s ON s.id = d.student_id
    WHERE d.status = 'draft' AND s.archived_at IS NULL
    ORDER BY d.held_on, d.id`).all() as TodayOverview['drafts'])
    .sort((a, b) => byText(a.heldOn, b.heldOn) || compareNames(a.studentName, b.studentName));

  return { today, weekEnd, quietWeeks, dueActions, quietStudents, drafts };
}
