import { COMPETENCES, type Competence } from '../../../shared/domain';
import type { TimelinePeriod } from '../../../shared/searchSchemas';
import type { Services } from '../services';

/**
 * A student's dialogues over time, per calendar month from the first dialogue to the last
 * (empty months in between included, so a chart's axis has no jumps). Passages count as the
 * overview counts them: only while their quote is non-empty (an orphan is no passage).
 */

const BOUNDARY_CODE = 'boundaryExperience';
const COMPETENCE_PREFIX = 'competence:';

export function emptyCompetences(): Record<Competence, number> {
  return Object.fromEntries(COMPETENCES.map((competence) => [competence, 0])) as Record<Competence, number>;
}

/** `YYYY-MM` keys from `first` to `last`, both included; none when either is unreadable or reversed. */
export function monthRange(first: string, last: string): string[] {
  const parse = (key: string): number | null => {
    const match = /^(\d{4})-(\d{2})$/.exec(key);
    return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
  };
  const start = parse(first);
  const end = parse(last);
  if (start === null || end === null) return [];
  const months: string[] = [];
  for (let index = start; index <= end; index += 1) {
    months.push(`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

export function studentTimeline(services: Services, studentId: string): TimelinePeriod[] {
  services.students.get(studentId);
  const { db } = services;
  const dialogues = db.prepare(`SELECT substr(held_on, 1, 7) AS month, kind, count(*) AS n
    FROM dialogues WHERE student_id = ? GROUP BY month, kind`).all(studentId) as { month: string; kind: string; n: number }[];
  if (dialogues.length === 0) return [];
  // This student's dialogues first (CROSS JOIN fixes the order), never every passage of a code.
  const passages = db.prepare(`SELECT substr(d.held_on, 1, 7) AS month, c.builtin_key AS key, count(*) AS n
    FROM dialogues d CROSS JOIN annotations a ON a.dialogue_id = d.id CROSS JOIN codes c ON c.id = a.code_id
    WHERE d.student_id = ? AND a.quote <> '' AND (c.builtin_key = ? OR c.builtin_key LIKE ?)
    GROUP BY month, c.builtin_key`).all(studentId, BOUNDARY_CODE, `${COMPETENCE_PREFIX}%`) as { month: string; key: string; n: number }[];

  const keys = dialogues.map((row) => row.month).sort();
  const periods = new Map(monthRange(keys[0]!, keys[keys.length - 1]!).map((month): [string, TimelinePeriod] => [
    month, { month, internal: 0, external: 0, boundaryExperiences: 0, competences: emptyCompetences() },
  ]));
  for (const row of dialogues) {
    const period = periods.get(row.month);
    if (period && (row.kind === 'internal' || row.kind === 'external')) period[row.kind] += row.n;
  }
  for (const row of passages) {
    const period = periods.get(row.month);
    if (!period) continue;
    if (row.key === BOUNDARY_CODE) period.boundaryExperiences += row.n;
    else {
      const competence = row.key.slice(COMPETENCE_PREFIX.length) as Competence;
      if ((COMPETENCES as readonly string[]).includes(competence)) period.competences[competence] += row.n;
    }
  }
  return [...periods.values()];
}
