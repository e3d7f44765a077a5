import { COMPETENCES, DILEMMA_TYPES, type Competence } from '../../../shared/domain';
import type { GroupRow } from '../../../shared/searchSchemas';
import type { Student } from '../../../shared/schemas';
import { calendarDay, isoDay } from '../export/dates';
import { exampleStudentId } from '../firstRun/exampleStudent';
import type { Services } from '../services';
import { emptyCompetences } from './timeline';

/**
 * The group overview for a coach: counts per active student of a chosen group. A handful of
 * grouped queries over the whole vault, joined in memory, so the cost does not grow with one
 * query per student. Passages count as the student overview counts them (non-empty quotes).
 */

export interface GroupFilterValues {
  cohort?: string | undefined;
  programme?: string | undefined;
  schoolType?: string | undefined;
  mentor?: string | undefined;
  weeksWithoutDialogue: number;
}

type DilemmaKey = GroupRow['boundaryByDilemma'] extends Record<infer K, number> ? K : never;
const DILEMMA_KEYS: readonly DilemmaKey[] = [...DILEMMA_TYPES, 'none'];

const BOUNDARY_CODE = 'boundaryExperience';
const COMPETENCE_PREFIX = 'competence:';

const normalise = (text: string): string => text.trim().toLocaleLowerCase('nl');

/** A filter that is absent or blank does not narrow the group. */
function textMatches(wanted: string | undefined, actual: string): boolean {
  if (wanted === undefined || wanted.trim() === '') return true;
  return normalise(wanted) === normalise(actual);
}

export function matchesFilter(student: Student, filter: GroupFilterValues): boolean {
  return textMatches(filter.cohort, student.cohort)
    && textMatches(filter.programme, student.programme)
    && textMatches(filter.mentor, student.mentor)
    && (filter.schoolType === undefined || student.schoolType === filter.schoolType);
}

/** Today and the day N weeks before it, as `YYYY-MM-DD` on the mentor's (local) clock. */
export function groupDays(nowMs: number, weeks: number): { today: string; quietBefore: string } {
  const now = new Date(nowMs);
  const today = isoDay(calendarDay(now)!);
  const cutoff = new Date(now.getFullYear(), now.getMonth(), now.getDate() - weeks * 7);
  return { today, quietBefore: isoDay(calendarDay(cutoff)!) };
}

function emptyDilemmas(): Record<DilemmaKey, number> {
  return Object.fromEntries(DILEMMA_KEYS.map((key) => [key, 0])) as Record<DilemmaKey, number>;
}

export function groupOverview(services: Services, filter: GroupFilterValues, nowMs: number): GroupRow[] {
  const { db } = services;
  // The first run's example student is not one of the mentor's students: never in a group's counts.
  const example = exampleStudentId(db);
  const students = services.students.list(false).filter((student) => student.id !== example && matchesFilter(student, filter));
  const { today, quietBefore } = groupDays(nowMs, filter.weeksWithoutDialogue);
  const rows = new Map(students.map((student): [string, GroupRow] => [student.id, {
    studentId: student.id,
    displayName: student.displayName,
    dialogues: 0,
    internal: 0,
    external: 0,
    boundaryByDilemma: emptyDilemmas(),
    passagesByCompetence: emptyCompetences(),
    overdueActions: 0,
    lastDialogue: null,
    quiet: true,
  }]));
  if (rows.size === 0) return [];

  const dialogues = db.prepare(`SELECT d.student_id AS id, d.kind AS kind, count(*) AS n, max(d.held_on) AS last
    FROM dialogues d JOIN students s ON s.id = d.student_id WHERE s.archived_at IS NULL
    GROUP BY d.student_id, d.kind`).all() as { id: string; kind: string; n: number; last: string }[];
  for (const entry of dialogues) {
    const row = rows.get(entry.id);
    if (!row) continue;
    row.dialogues += entry.n;
    if (entry.kind === 'internal' || entry.kind === 'external') row[entry.kind] += entry.n;
    if (row.lastDialogue === null || entry.last > row.lastDialogue) row.lastDialogue = entry.last;
  }

  const passages = db.prepare(`SELECT d.student_id AS id, c.builtin_key AS key,
      CASE WHEN c.builtin_key = @boundary THEN json_extract(a.attributes, '$.dilemmaType') END AS dilemma, count(*) AS n
    FROM annotations a JOIN dialogues d ON d.id = a.dialogue_id JOIN codes c ON c.id = a.code_id
      JOIN students s ON s.id = d.student_id
    WHERE s.archived_at IS NULL AND a.quote <> '' AND (c.builtin_key = @boundary OR c.builtin_key LIKE @competences)
    GROUP BY d.student_id, c.builtin_key, dilemma`)
    .all({ boundary: BOUNDARY_CODE, competences: `${COMPETENCE_PREFIX}%` }) as { id: string; key: string; dilemma: unknown; n: number }[];
  for (const entry of passages) {
    const row = rows.get(entry.id);
    if (!row) continue;
    if (entry.key === BOUNDARY_CODE) {
      const dilemma = (DILEMMA_TYPES as readonly unknown[]).includes(entry.dilemma) ? (entry.dilemma as DilemmaKey) : 'none';
      row.boundaryByDilemma[dilemma] += entry.n;
    } else {
      const competence = entry.key.slice(COMPETENCE_PREFIX.length) as Competence;
      if ((COMPETENCES as readonly string[]).includes(competence)) row.passagesByCompetence[competence] += entry.n;
    }
  }

  const overdue = db.prepare(`SELECT a.student_id AS id, count(*) AS n FROM agreements a JOIN students s ON s.id = a.student_id
    WHERE s.archived_at IS NULL AND a.done_at IS NULL AND a.due_date IS NOT NULL AND substr(a.due_date, 1, 10) < ?
    GROUP BY a.student_id`).all(today) as { id: string; n: number }[];
  for (const entry of overdue) {
    const row = rows.get(entry.id);
    if (row) row.overdueActions = entry.n;
  }

  for (const row of rows.values()) row.quiet = row.lastDialogue === null || row.lastDialogue.slice(0, 10) < quietBefore;
  return [...rows.values()];
}
