import type { Db } from '../connection';
import type { MigrationReport } from './index';
import { rebuildSearchIndexReporting } from './searchRebuild';

/**
 * Full-text search (issue 6). An external-content FTS5 index over `search_docs`:
 *
 * - `search_docs` is an ordinary STRICT table holding one row per indexed text (a dialogue
 *   section, an annotation memo, an action, a student's name) with its student, dialogue,
 *   section and source row. Its B-tree indexes make "replace this dialogue's rows" and "delete
 *   this student's rows" cheap lookups; an FTS5 table with UNINDEXED columns would have to scan
 *   (and read every body) for those, on every save.
 * - `search_index` holds only the inverted index (content = search_docs), diacritics folded and
 *   with 2- and 3-letter prefix indexes. The triggers on `search_docs` keep it in step, and
 *   FTS5 `secure-delete` removes a deleted row's terms from the index at once instead of leaving
 *   them behind a delete marker, so erased text does not linger in the shadow tables.
 * - Memos, actions and names are kept by triggers on their own tables, so every path that
 *   writes them (handlers, handover import, cascades from an erasure) keeps the index in the
 *   same transaction. Dialogue sections come from the JSON document, which SQL cannot flatten
 *   reliably; the code that writes a document calls `indexDialogue` in its transaction. When a
 *   dialogue or student row goes (also by cascade), the triggers drop its rows.
 */
export const sql = /* sql */ `
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('dialogue','memo','action','student')),
  student_id TEXT NOT NULL,
  dialogue_id TEXT,
  section_key TEXT,
  ref_id TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX search_docs_by_student ON search_docs (student_id);
CREATE INDEX search_docs_by_dialogue ON search_docs (dialogue_id);
CREATE INDEX search_docs_by_ref ON search_docs (ref_id, source);

CREATE VIRTUAL TABLE search_index USING fts5(
  body, content = 'search_docs', content_rowid = 'id',
  tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_index (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO search_index (rowid, body) VALUES (new.id, new.body);
END;

CREATE TRIGGER search_students_ai AFTER INSERT ON students BEGIN
  INSERT INTO search_docs (source, student_id, ref_id, body) VALUES ('student', new.id, new.id, new.display_name);
END;
CREATE TRIGGER search_students_au AFTER UPDATE OF display_name ON students BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'student';
  INSERT INTO search_docs (source, student_id, ref_id, body) VALUES ('student', new.id, new.id, new.display_name);
END;
CREATE TRIGGER search_students_ad AFTER DELETE ON students BEGIN
  DELETE FROM search_docs WHERE student_id = old.id;
END;

CREATE TRIGGER search_dialogues_ad AFTER DELETE ON dialogues BEGIN
  DELETE FROM search_docs WHERE dialogue_id = old.id;
END;

CREATE TRIGGER search_memos_ai AFTER INSERT ON annotations WHEN new.memo <> '' BEGIN
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
    SELECT 'memo', d.student_id, d.id, new.id, new.memo FROM dialogues d WHERE d.id = new.dialogue_id;
END;
CREATE TRIGGER search_memos_au AFTER UPDATE OF memo, dialogue_id ON annotations BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'memo';
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
    SELECT 'memo', d.student_id, d.id, new.id, new.memo FROM dialogues d WHERE d.id = new.dialogue_id AND new.memo <> '';
END;
CREATE TRIGGER search_memos_ad AFTER DELETE ON annotations BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'memo';
END;

CREATE TRIGGER search_actions_ai AFTER INSERT ON actions BEGIN
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body) VALUES ('action', new.student_id, new.dialogue_id, new.id, new.text);
END;
CREATE TRIGGER search_actions_au AFTER UPDATE OF text, student_id, dialogue_id ON actions BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'action';
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body) VALUES ('action', new.student_id, new.dialogue_id, new.id, new.text);
END;
CREATE TRIGGER search_actions_ad AFTER DELETE ON actions BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'action';
END;
`;

/** Fills the index from what the vault already holds. */
export function up(db: Db, report?: MigrationReport): void {
  // The table was still called actions then (renamed by 0011).
  rebuildSearchIndexReporting(db, report, 'actions');
}
