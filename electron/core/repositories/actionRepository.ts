import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Action } from '../../../shared/dialogueSchemas';
import type { Db } from '../db/connection';

interface Row {
  id: string; student_id: string; dialogue_id: string | null; annotation_id: string | null; text: string;
  owner: Action['owner']; due_date: string | null; done_at: string | null; created_at: string;
}

const toAction = (row: Row): Action => ({
  id: row.id,
  studentId: row.student_id,
  dialogueId: row.dialogue_id,
  annotationId: row.annotation_id,
  text: row.text,
  owner: row.owner,
  dueDate: row.due_date,
  doneAt: row.done_at,
  createdAt: row.created_at,
});

// Open actions by due date, undated last. Overdue ones need no key of their own: their due dates
// lie before today's, so ascending order already puts them first. Then done ones, latest first.
const ORDER = `ORDER BY done_at IS NOT NULL,
  CASE WHEN done_at IS NULL THEN due_date IS NULL END, CASE WHEN done_at IS NULL THEN due_date END,
  done_at DESC, created_at, rowid`;

export type NewAction = Omit<Action, 'id' | 'doneAt' | 'createdAt'>;
export type ActionChange = Pick<Action, 'text' | 'owner' | 'dueDate'>;

/** SQL for agreed actions (afspraken) of a student. */
export class ActionRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      all: db.prepare(`SELECT * FROM agreements WHERE student_id = ? ${ORDER}`),
      open: db.prepare(`SELECT * FROM agreements WHERE student_id = ? AND done_at IS NULL ${ORDER}`),
      byDialogue: db.prepare(`SELECT * FROM agreements WHERE dialogue_id = ? ${ORDER}`),
      get: db.prepare('SELECT * FROM agreements WHERE id = ?'),
      insert: db.prepare(`INSERT INTO agreements (id, student_id, dialogue_id, annotation_id, text, owner, due_date, created_at, updated_at)
        VALUES (@id, @studentId, @dialogueId, @annotationId, @text, @owner, @dueDate, @now, @now)`),
      update: db.prepare('UPDATE agreements SET text = @text, owner = @owner, due_date = @dueDate, updated_at = @now WHERE id = @id'),
      setDoneAt: db.prepare('UPDATE agreements SET done_at = @doneAt, updated_at = @now WHERE id = @id'),
      delete: db.prepare('DELETE FROM agreements WHERE id = ?'),
    };
  }

  list(studentId: string, includeDone: boolean): Action[] {
    const statement = includeDone ? this.statements.all : this.statements.open;
    return (statement.all(studentId) as Row[]).map(toAction);
  }

  listByDialogue(dialogueId: string): Action[] {
    return (this.statements.byDialogue.all(dialogueId) as Row[]).map(toAction);
  }

  get(id: string): Action {
    const row = this.statements.get.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toAction(row);
  }

  create(fields: NewAction, now: string): Action {
    const id = randomUUID();
    this.statements.insert.run({ id, ...fields, now });
    return this.get(id);
  }

  update(id: string, change: ActionChange, now: string): Action {
    if (this.statements.update.run({ id, ...change, now }).changes === 0) throw new AppError('NOT_FOUND');
    return this.get(id);
  }

  setDoneAt(id: string, doneAt: string | null, now: string): Action {
    if (this.statements.setDoneAt.run({ id, doneAt, now }).changes === 0) throw new AppError('NOT_FOUND');
    return this.get(id);
  }

  delete(id: string): void {
    if (this.statements.delete.run(id).changes === 0) throw new AppError('NOT_FOUND');
  }
}
