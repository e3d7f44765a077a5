import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Annotation, AnnotationAttributes } from '../../../shared/dialogueSchemas';
import type { Db } from '../db/connection';

interface Row {
  id: string; dialogue_id: string; code_id: string; quote: string; memo: string; attributes: string;
  created_at: string; updated_at: string;
}

const toAnnotation = (row: Row): Annotation => ({
  id: row.id,
  dialogueId: row.dialogue_id,
  codeId: row.code_id,
  quote: row.quote,
  memo: row.memo,
  attributes: JSON.parse(row.attributes) as AnnotationAttributes,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface AnnotationFields { codeId: string; memo: string; attributes: AnnotationAttributes }

/**
 * SQL for tagged passages. A passage counts only while its quote is non-empty: an empty quote
 * is an orphan whose words were deleted from the draft (kept so that an undo can restore it).
 */
export class AnnotationRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      byDialogue: db.prepare('SELECT * FROM annotations WHERE dialogue_id = ? ORDER BY created_at, rowid'),
      get: db.prepare('SELECT * FROM annotations WHERE id = ?'),
      insert: db.prepare(`INSERT INTO annotations (id, dialogue_id, code_id, quote, memo, attributes, created_at, updated_at)
        VALUES (@id, @dialogueId, @codeId, '', @memo, @attributes, @now, @now)`),
      update: db.prepare('UPDATE annotations SET code_id = @codeId, memo = @memo, attributes = @attributes, updated_at = @now WHERE id = @id'),
      delete: db.prepare('DELETE FROM annotations WHERE id = ?'),
      setQuote: db.prepare('UPDATE annotations SET quote = ? WHERE id = ? AND quote <> ?'),
      deleteOrphans: db.prepare(`DELETE FROM annotations WHERE dialogue_id = ? AND quote = ''`),
      passagesOfCode: db.prepare(`SELECT count(*) FROM annotations WHERE code_id = ? AND quote <> ''`).pluck(),
      passagesOfCodeInFinal: db.prepare(`SELECT count(*) FROM annotations a JOIN dialogues d ON d.id = a.dialogue_id
        WHERE a.code_id = ? AND d.status = 'final'`).pluck(),
      moveToCode: db.prepare('UPDATE annotations SET code_id = @targetId WHERE code_id = @sourceId'),
      deleteByCode: db.prepare('DELETE FROM annotations WHERE code_id = ?'),
      // CROSS JOIN fixes the order: this student's dialogues first. Left to itself the planner
      // may start from the code and walk every passage of it in the vault (0.3 s at school scale).
      boundaryByDilemma: db.prepare(`SELECT json_extract(a.attributes, '$.dilemmaType') AS dilemma, count(*) AS n
        FROM dialogues d CROSS JOIN annotations a ON a.dialogue_id = d.id CROSS JOIN codes c ON c.id = a.code_id
        WHERE d.student_id = ? AND c.builtin_key = 'boundaryExperience' AND a.quote <> '' GROUP BY dilemma`),
      byBuiltinCode: db.prepare(`SELECT c.builtin_key AS key, count(*) AS n
        FROM dialogues d CROSS JOIN annotations a ON a.dialogue_id = d.id CROSS JOIN codes c ON c.id = a.code_id
        WHERE d.student_id = ? AND c.builtin_key IS NOT NULL AND a.quote <> '' GROUP BY c.builtin_key`),
    };
  }

  listByDialogue(dialogueId: string): Annotation[] {
    return (this.statements.byDialogue.all(dialogueId) as Row[]).map(toAnnotation);
  }

  get(id: string): Annotation {
    const row = this.statements.get.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toAnnotation(row);
  }

  /** `id` is given when the caller has marked the words already (an import builds the document first). */
  create(dialogueId: string, fields: AnnotationFields, now: string, id: string = randomUUID()): Annotation {
    this.statements.insert.run({ id, dialogueId, ...fields, attributes: JSON.stringify(fields.attributes), now });
    return this.get(id);
  }

  update(id: string, fields: AnnotationFields, now: string): Annotation {
    this.statements.update.run({ id, ...fields, attributes: JSON.stringify(fields.attributes), now });
    return this.get(id);
  }

  delete(id: string): void {
    if (this.statements.delete.run(id).changes === 0) throw new AppError('NOT_FOUND');
  }

  setQuote(id: string, quote: string): void {
    this.statements.setQuote.run(quote, id, quote);
  }

  deleteOrphans(dialogueId: string): number {
    return this.statements.deleteOrphans.run(dialogueId).changes;
  }

  passagesOfCode(codeId: string): number {
    return this.statements.passagesOfCode.get(codeId) as number;
  }

  /** Passages of a code inside final dialogues, which are locked records. */
  passagesOfCodeInFinal(codeId: string): number {
    return this.statements.passagesOfCodeInFinal.get(codeId) as number;
  }

  moveToCode(sourceId: string, targetId: string): void {
    this.statements.moveToCode.run({ sourceId, targetId });
  }

  deleteByCode(codeId: string): void {
    this.statements.deleteByCode.run(codeId);
  }

  /** Passages of the Grenservaring code per dilemma type ('none' where no type was chosen). */
  boundaryByDilemma(studentId: string): Map<string, number> {
    const rows = this.statements.boundaryByDilemma.all(studentId) as { dilemma: string | null; n: number }[];
    return new Map(rows.map((row) => [row.dilemma ?? 'none', row.n]));
  }

  /** Passages per built-in code key, for one student. */
  passagesByBuiltinCode(studentId: string): Map<string, number> {
    const rows = this.statements.byBuiltinCode.all(studentId) as { key: string; n: number }[];
    return new Map(rows.map((row) => [row.key, row.n]));
  }
}
