import { randomUUID } from 'node:crypto';
import type { Amendment } from '../../../shared/dialogueSchemas';
import type { Db } from '../db/connection';

interface Row { id: string; dialogue_id: string; content: string; created_at: string }

// Stored as a JSON object so that an amendment can later carry more than text without a migration.
const toAmendment = (row: Row): Amendment => ({
  id: row.id,
  dialogueId: row.dialogue_id,
  text: (JSON.parse(row.content) as { text: string }).text,
  createdAt: row.created_at,
});

/** SQL for amendments: dated additions to a finalised dialogue. */
export class AmendmentRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      byDialogue: db.prepare('SELECT * FROM amendments WHERE dialogue_id = ? ORDER BY created_at, rowid'),
      get: db.prepare('SELECT * FROM amendments WHERE id = ?'),
      insert: db.prepare('INSERT INTO amendments (id, dialogue_id, content, created_at) VALUES (?, ?, ?, ?)'),
    };
  }

  listByDialogue(dialogueId: string): Amendment[] {
    return (this.statements.byDialogue.all(dialogueId) as Row[]).map(toAmendment);
  }

  create(dialogueId: string, text: string, now: string): Amendment {
    const id = randomUUID();
    this.statements.insert.run(id, dialogueId, JSON.stringify({ text }), now);
    return toAmendment(this.statements.get.get(id) as Row);
  }
}
