import { type DialogueDoc, sectionText } from '../../../shared/editorDoc';
import type { Db } from '../db/connection';

/**
 * Keeps `search_docs` (and through its triggers the FTS5 `search_index`) in step with the data.
 * Memos, actions and student names are kept by triggers (migration 0003); dialogue sections,
 * which live inside the JSON document, are written here. Every function runs in the caller's
 * transaction.
 */

/** Replaces a dialogue's section rows with the text of its stored document (empty sections are left out). */
export function indexDialogue(db: Db, dialogueId: string): void {
  db.prepare(`DELETE FROM search_docs WHERE dialogue_id = ? AND source = 'dialogue'`).run(dialogueId);
  const row = db.prepare('SELECT student_id, content FROM dialogues WHERE id = ?').get(dialogueId) as { student_id: string; content: string } | undefined;
  if (!row) return;
  insertSections(db, dialogueId, row.student_id, JSON.parse(row.content) as DialogueDoc);
}

function insertSections(db: Db, dialogueId: string, studentId: string, doc: DialogueDoc): void {
  const insert = db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, section_key, ref_id, body)
    VALUES ('dialogue', ?, ?, ?, ?, ?)`);
  for (const section of doc) {
    const text = sectionText(section);
    if (text.trim()) insert.run(studentId, dialogueId, section.sectionKey, dialogueId, text);
  }
}

/** Rebuilds the whole index from the tables; returns how many rows it holds. */
export function rebuildSearchIndex(db: Db): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM search_docs').run();
    db.prepare(`INSERT INTO search_docs (source, student_id, ref_id, body) SELECT 'student', id, id, display_name FROM students`).run();
    db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
      SELECT 'memo', d.student_id, d.id, a.id, a.memo FROM annotations a JOIN dialogues d ON d.id = a.dialogue_id WHERE a.memo <> ''`).run();
    db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
      SELECT 'action', student_id, dialogue_id, id, text FROM actions`).run();
    const dialogues = db.prepare('SELECT id, student_id, content FROM dialogues').iterate() as IterableIterator<{ id: string; student_id: string; content: string }>;
    for (const d of [...dialogues]) insertSections(db, d.id, d.student_id, JSON.parse(d.content) as DialogueDoc);
    optimizeSearchIndex(db);
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
