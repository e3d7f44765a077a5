import type { BlockNode, DialogueDoc } from '../../../shared/editorDoc';
import type { Db } from '../db/connection';

/**
 * Keeps `search_docs` (and through its triggers the FTS5 `search_index`) in step with the data.
 * Memos, actions and student names are kept by triggers (migration 0003); dialogue passages,
 * which live inside the JSON document, are written here. Every function runs in the caller's
 * transaction.
 */

/** One indexed passage of a dialogue: a paragraph (a speaker turn) or a whole list. */
interface Passage { sectionKey: string; body: string }

function blockText(block: BlockNode): string {
  const runs = block.type === 'paragraph' ? [block.children] : block.children.map((item) => item.children);
  return runs.map((leaves) => leaves.map((leaf) => leaf.text).join('')).join('\n');
}

/**
 * A dialogue is indexed per passage, not per section: a hit then points at the turn where the
 * words were said, its snippet is cut from a short text, and a save re-indexes only the
 * passages that changed. The last matters at scale: removing a text's terms from the index
 * costs in proportion to the text, and a transcript section can run to thousands of words
 * while typing changes one turn.
 */
export function dialoguePassages(doc: DialogueDoc): Passage[] {
  return doc.flatMap((section) => section.children
    .map((block) => ({ sectionKey: section.sectionKey, body: blockText(block) }))
    .filter((passage) => passage.body.trim() !== ''));
}

const passageKey = (sectionKey: string, body: string) => `${sectionKey}\u0000${body}`;

/**
 * Brings a dialogue's passage rows in step with its stored document: rows whose passage is
 * still there (same section, same text) stay, the others go, new passages are added.
 */
export function indexDialogue(db: Db, dialogueId: string): void {
  const row = db.prepare('SELECT student_id, content FROM dialogues WHERE id = ?').get(dialogueId) as { student_id: string; content: string } | undefined;
  const stored = db.prepare(`SELECT id, section_key, body FROM search_docs WHERE dialogue_id = ? AND source = 'dialogue'`)
    .all(dialogueId) as { id: number; section_key: string; body: string }[];
  const unmatched = new Map<string, number[]>();
  for (const existing of stored) {
    const key = passageKey(existing.section_key, existing.body);
    unmatched.set(key, [...(unmatched.get(key) ?? []), existing.id]);
  }
  const added: Passage[] = [];
  for (const passage of row ? dialoguePassages(JSON.parse(row.content) as DialogueDoc) : []) {
    const same = unmatched.get(passageKey(passage.sectionKey, passage.body));
    if (same?.length) same.pop();
    else added.push(passage);
  }
  const remove = db.prepare('DELETE FROM search_docs WHERE id = ?');
  for (const ids of unmatched.values()) for (const id of ids) remove.run(id);
  if (row) insertPassages(db, dialogueId, row.student_id, added);
}

function insertPassages(db: Db, dialogueId: string, studentId: string, passages: readonly Passage[]): void {
  const insert = db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, section_key, ref_id, body)
    VALUES ('dialogue', ?, ?, ?, ?, ?)`);
  for (const passage of passages) insert.run(studentId, dialogueId, passage.sectionKey, dialogueId, passage.body);
}

/**
 * How far a rebuild is: dialogues split into passages so far, then FTS5's one-statement index
 * pass, then the merge. The last two cannot report from inside SQLite, so they are stages.
 */
export type RebuildStage = { stage: 'passages'; done: number; total: number } | { stage: 'indexed' } | { stage: 'merged' };

/**
 * The agreements' table: `actions` until migration 0011 renamed it, so the migrations before it
 * that rebuild the index (0003, 0004, 0008) name the table of their time.
 */
export type AgreementsTable = 'agreements' | 'actions';

/**
 * Rebuilds the whole index from the tables; returns how many rows it holds. The triggers on
 * `search_docs` step aside meanwhile: through them, emptying the table would take every text's
 * terms out of the index one row at a time (with secure-delete, as vaults before migration 0006
 * have it, that runs for many minutes at school scale); the index is then emptied and refilled
 * from all rows in one pass (through search_fold, as the triggers do). The triggers come back from
 * their stored SQL in the same transaction, so no write can slip past them.
 */
export function rebuildSearchIndex(db: Db, onProgress?: (stage: RebuildStage) => void, agreementsTable: AgreementsTable = 'agreements'): number {
  return db.transaction(() => {
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_docs'`).all() as { name: string; sql: string }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    db.prepare('DELETE FROM search_docs').run();
    db.prepare(`INSERT INTO search_docs (source, student_id, ref_id, body) SELECT 'student', id, id, display_name FROM students`).run();
    db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
      SELECT 'memo', d.student_id, d.id, a.id, a.memo FROM annotations a JOIN dialogues d ON d.id = a.dialogue_id WHERE a.memo <> ''`).run();
    db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
      SELECT 'action', student_id, dialogue_id, id, text FROM ${agreementsTable}`).run();
    // One document at a time: a school's dialogues together are hundreds of megabytes.
    const content = db.prepare('SELECT content FROM dialogues WHERE id = ?').pluck();
    const dialogues = db.prepare('SELECT id, student_id FROM dialogues').all() as { id: string; student_id: string }[];
    onProgress?.({ stage: 'passages', done: 0, total: dialogues.length });
    for (const [index, d] of dialogues.entries()) {
      insertPassages(db, d.id, d.student_id, dialoguePassages(JSON.parse(content.get(d.id) as string) as DialogueDoc));
      onProgress?.({ stage: 'passages', done: index + 1, total: dialogues.length });
    }
    for (const trigger of triggers) db.exec(trigger.sql);
    // Not FTS5's 'rebuild': it would index the bodies as written, and the index holds them
    // folded (migration 0008). Emptying and refilling is the same one pass 'rebuild' makes.
    db.prepare(`INSERT INTO search_index (search_index) VALUES ('delete-all')`).run();
    db.prepare(`INSERT INTO search_index (rowid, body) SELECT id, search_fold(body) FROM search_docs`).run();
    onProgress?.({ stage: 'indexed' });
    optimizeSearchIndex(db);
    onProgress?.({ stage: 'merged' });
    return db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  })();
}

/** Deletes every row about a student (their name, dialogues, memos, actions). */
export function deleteStudentSearchRows(db: Db, studentId: string): void {
  db.prepare('DELETE FROM search_docs WHERE student_id = ?').run(studentId);
}

/** Merges the index segments into one, so that no segment keeps terms of deleted rows. */
export function optimizeSearchIndex(db: Db): void {
  db.prepare(`INSERT INTO search_index (search_index) VALUES ('optimize')`).run();
}
