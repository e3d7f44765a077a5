import { LEGACY_CODE_KEYS, LEGACY_CONTEXTS, LEGACY_DILEMMA_TYPES, LEGACY_ROLES, upgradeDocRoles } from '../../../../shared/legacyVocabulary';
import type { Db } from '../connection';
import type { MigrationReport } from './index';

/** `CASE column WHEN 'old' THEN 'new' … ELSE column END` from one of the legacy maps. */
function caseOf(column: string, map: Readonly<Record<string, string>>): string {
  const whens = Object.entries(map).map(([from, to]) => `WHEN '${from}' THEN '${to}'`).join(' ');
  return `CASE ${column} ${whens} ELSE ${column} END`;
}

function listOf(map: Readonly<Record<string, string>>): string {
  return Object.keys(map).map((key) => `'${key}'`).join(',');
}

const dilemma = "json_extract(attributes, '$.dilemmaType')";
const context = "json_extract(attributes, '$.context')";

/**
 * Issue 12: one language for stored keys and code. Every Dutch key the vault stores becomes the
 * English one of shared/domain.ts (maps in shared/legacyVocabulary.ts): participant roles
 * (a CHECK constraint, so the table is rebuilt: SQLite cannot alter a CHECK; nothing references
 * dialogue_participants, so dropping the old table cascades nowhere), the built-in code keys,
 * the dilemma type and context in annotation attributes, and the speaker roles inside stored
 * dialogue documents (in `up`). The `actions` table becomes `agreements`, as the code calls them
 * now; its search triggers are made again under the new names. The search index keeps source
 * 'action' for agreement rows: changing that CHECK would mean re-indexing every vault at
 * unlock for a word no user sees.
 *
 * The whole step runs in migrate's one transaction with the version bump, so a process killed
 * halfway leaves the vault at version 10, untouched, and the next start runs the step again from
 * the beginning (tested in vocabularyMigration.test.ts).
 */
export const sql = /* sql */ `
CREATE TABLE dialogue_participants_new (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('student','mentor','workplaceSupervisor','parent','other')),
  position INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO dialogue_participants_new (id, dialogue_id, name, role, position)
  SELECT id, dialogue_id, name, ${caseOf('role', LEGACY_ROLES)}, position FROM dialogue_participants;
DROP TABLE dialogue_participants;
ALTER TABLE dialogue_participants_new RENAME TO dialogue_participants;
CREATE INDEX participants_by_dialogue ON dialogue_participants (dialogue_id);

UPDATE codes SET builtin_key = ${caseOf('builtin_key', LEGACY_CODE_KEYS)}
  WHERE builtin_key IN (${listOf(LEGACY_CODE_KEYS)});

UPDATE annotations SET attributes = json_set(attributes, '$.dilemmaType', ${caseOf(dilemma, LEGACY_DILEMMA_TYPES)})
  WHERE ${dilemma} IN (${listOf(LEGACY_DILEMMA_TYPES)});
UPDATE annotations SET attributes = json_set(attributes, '$.context', ${caseOf(context, LEGACY_CONTEXTS)})
  WHERE ${context} IN (${listOf(LEGACY_CONTEXTS)});

DROP TRIGGER search_actions_ai;
DROP TRIGGER search_actions_au;
DROP TRIGGER search_actions_ad;
DROP INDEX actions_open_by_student;
ALTER TABLE actions RENAME TO agreements;
CREATE INDEX agreements_open_by_student ON agreements (student_id, done_at, due_date);
CREATE TRIGGER search_agreements_ai AFTER INSERT ON agreements BEGIN
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body) VALUES ('action', new.student_id, new.dialogue_id, new.id, new.text);
END;
CREATE TRIGGER search_agreements_au AFTER UPDATE OF text, student_id, dialogue_id ON agreements BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'action';
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body) VALUES ('action', new.student_id, new.dialogue_id, new.id, new.text);
END;
CREATE TRIGGER search_agreements_ad AFTER DELETE ON agreements BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'action';
END;
`;

/**
 * Speaker roles inside stored dialogue documents (paragraphs of imported turns). Only documents
 * that mention a role are read (most hold none), one at a time: a school's dialogues together
 * are hundreds of megabytes. Nothing indexes the role, so the search index stays as it is.
 */
export function up(db: Db, report: MigrationReport = () => undefined): void {
  const ids = db.prepare(`SELECT id FROM dialogues WHERE instr(content, '"role"') > 0`).pluck().all() as string[];
  const read = db.prepare('SELECT content FROM dialogues WHERE id = ?').pluck();
  const write = db.prepare('UPDATE dialogues SET content = ? WHERE id = ?');
  report(0, Math.max(1, ids.length));
  ids.forEach((id, index) => {
    const { doc, changed } = upgradeDocRoles(JSON.parse(read.get(id) as string));
    if (changed) write.run(JSON.stringify(doc), id);
    report(index + 1, Math.max(1, ids.length));
  });
}
