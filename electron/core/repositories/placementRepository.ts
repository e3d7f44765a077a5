import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Placement } from '../../../shared/dialogueSchemas';
import type { Db } from '../db/connection';

interface Row { id: string; student_id: string; organisation: string; supervisor: string; start_date: string | null; end_date: string | null }

const toPlacement = (row: Row): Placement => ({
  id: row.id,
  studentId: row.student_id,
  organisation: row.organisation,
  supervisor: row.supervisor,
  startDate: row.start_date,
  endDate: row.end_date,
});

export type NewPlacement = Omit<Placement, 'id'>;

/** SQL for internships (stages) of a student. */
export class PlacementRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      // The current or most recent internship first; undated ones after the dated ones.
      byStudent: db.prepare('SELECT * FROM placements WHERE student_id = ? ORDER BY start_date IS NULL, start_date DESC, created_at DESC, id'),
      get: db.prepare('SELECT * FROM placements WHERE id = ?'),
      insert: db.prepare(`INSERT INTO placements (id, student_id, organisation, supervisor, start_date, end_date, created_at)
        VALUES (@id, @studentId, @organisation, @supervisor, @startDate, @endDate, @now)`),
    };
  }

  listByStudent(studentId: string): Placement[] {
    return (this.statements.byStudent.all(studentId) as Row[]).map(toPlacement);
  }

  get(id: string): Placement {
    const row = this.statements.get.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toPlacement(row);
  }

  create(fields: NewPlacement, now: string): Placement {
    const id = randomUUID();
    this.statements.insert.run({ id, ...fields, now });
    return this.get(id);
  }
}
