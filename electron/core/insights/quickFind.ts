import type { Db } from '../db/connection';
import { foldForMatch } from '../../../shared/textFold';
import type { QuickFindResult } from '../../../shared/quickFindSchemas';

export const QUICK_FIND_LIMIT = 8;

/**
 * The quick switcher (Ctrl+K): students by name and dialogues by title or student name, folded
 * as Dutch names are written. Names starting with the query come before names containing it.
 */
export function quickFind(db: Db, query: string): QuickFindResult {
  const needle = foldForMatch(query.trim());
  if (!needle) return { students: [], dialogues: [] };
  const rank = (text: string): number => {
    const folded = foldForMatch(text);
    if (folded.startsWith(needle)) return 0;
    if (folded.split(/[\s-]+/).some((word) => word.startsWith(needle))) return 1;
    return folded.includes(needle) ? 2 : -1;
  };
  // A dialogue found by its title ranks above one found only through its student's name.
  const dialogueRank = (row: { title: string; studentName: string }): number => {
    const byTitle = rank(row.title);
    if (byTitle >= 0) return byTitle;
    const byName = rank(row.studentName);
    return byName >= 0 ? byName + 3 : -1;
  };
  // A student number (the school administration's) finds its student from its first digits on.
  const numberRank = (number: string | null): number => (number !== null && foldForMatch(number).startsWith(needle) ? 0 : -1);
  const students = (db.prepare('SELECT id, display_name AS name, student_number AS number FROM students WHERE archived_at IS NULL').all() as { id: string; name: string; number: string | null }[])
    .map(({ number, ...row }) => {
      const byName = rank(row.name);
      return { row, rank: byName >= 0 ? byName : numberRank(number) };
    })
    .filter((hit) => hit.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.row.name.localeCompare(b.row.name, 'nl'))
    .slice(0, QUICK_FIND_LIMIT)
    .map((hit) => hit.row);
  const dialogues = (db.prepare(`
    SELECT d.id, d.student_id AS studentId, d.title, d.held_on AS heldOn, s.display_name AS studentName
    FROM dialogues d JOIN students s ON s.id = d.student_id WHERE s.archived_at IS NULL`).all() as QuickFindResult['dialogues'])
    .map((row) => ({ row, rank: dialogueRank(row) }))
    .filter((hit) => hit.rank >= 0)
    .sort((a, b) => a.rank - b.rank || b.row.heldOn.localeCompare(a.row.heldOn))
    .slice(0, QUICK_FIND_LIMIT)
    .map((hit) => hit.row);
  return { students, dialogues };
}
