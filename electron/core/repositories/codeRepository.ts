import { randomUUID } from 'node:crypto';
import type { CodeCue } from '../../../shared/builtins/codes';
import { AppError } from '../../../shared/errors';
import type { Code } from '../../../shared/dialogueSchemas';
import type { Db } from '../db/connection';

interface Row {
  id: string; parent_id: string | null; builtin_key: string | null; name: string; color: string; cue: CodeCue;
  position: number; usage: number;
}

const toCode = (row: Row): Code => ({
  id: row.id,
  parentId: row.parent_id,
  builtinKey: row.builtin_key,
  name: row.name,
  color: row.color,
  cue: row.cue,
  position: row.position,
  usage: row.usage,
});

// Usage counts passages, not orphans (annotations whose words were deleted from a draft).
const SELECT = `SELECT c.id, c.parent_id, c.builtin_key, c.name, c.color, c.cue, c.position,
  (SELECT count(*) FROM annotations a WHERE a.code_id = c.id AND a.quote <> '') AS usage FROM codes c`;

export interface NewCode { name: string; color: string; cue: CodeCue; parentId: string | null }
export interface CodeChange { name: string; color: string; parentId: string | null }

/** SQL for the codebook, as stored (built-in names in Dutch). */
export class CodeRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      all: db.prepare(`${SELECT} ORDER BY c.builtin_key IS NULL, c.parent_id IS NOT NULL, c.parent_id, c.position, c.id`),
      get: db.prepare(`${SELECT} WHERE c.id = ?`),
      parentOf: db.prepare('SELECT parent_id FROM codes WHERE id = ?').pluck(),
      customCount: db.prepare('SELECT count(*) FROM codes WHERE builtin_key IS NULL').pluck(),
      nextPosition: db.prepare('SELECT coalesce(max(position), -1) + 1 FROM codes').pluck(),
      insert: db.prepare(`INSERT INTO codes (id, parent_id, name, color, cue, position, created_at, updated_at)
        VALUES (@id, @parentId, @name, @color, @cue, @position, @now, @now)`),
      update: db.prepare('UPDATE codes SET name = @name, color = @color, parent_id = @parentId, updated_at = @now WHERE id = @id'),
      reparentChildren: db.prepare('UPDATE codes SET parent_id = @parentId, updated_at = @now WHERE parent_id = @id AND id IS NOT @parentId'),
      setParent: db.prepare('UPDATE codes SET parent_id = @parentId, updated_at = @now WHERE id = @id'),
      delete: db.prepare('DELETE FROM codes WHERE id = ?'),
    };
  }

  /** Built-ins first by position, then the mentor's own: top level first, children grouped by parent. */
  list(): Code[] {
    return (this.statements.all.all() as Row[]).map(toCode);
  }

  get(id: string): Code {
    const row = this.statements.get.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toCode(row);
  }

  /** Ids from the code's parent up to the root. */
  ancestors(id: string): string[] {
    const chain: string[] = [];
    let current = this.statements.parentOf.get(id) as string | null | undefined;
    // The bound guards against a cycle that should not exist but would otherwise hang the app.
    while (current && chain.length < 10_000 && !chain.includes(current)) {
      chain.push(current);
      current = this.statements.parentOf.get(current) as string | null | undefined;
    }
    return chain;
  }

  customCount(): number {
    return this.statements.customCount.get() as number;
  }

  create(fields: NewCode, now: string): Code {
    const id = randomUUID();
    const position = this.statements.nextPosition.get() as number;
    this.statements.insert.run({ id, ...fields, position, now });
    return this.get(id);
  }

  update(id: string, change: CodeChange, now: string): Code {
    this.statements.update.run({ id, ...change, now });
    return this.get(id);
  }

  setParent(id: string, parentId: string | null, now: string): void {
    this.statements.setParent.run({ id, parentId, now });
  }

  /** Gives the children of `id` a new parent (never themselves). */
  reparentChildren(id: string, parentId: string | null, now: string): void {
    this.statements.reparentChildren.run({ id, parentId, now });
  }

  delete(id: string): void {
    this.statements.delete.run(id);
  }
}
