import { randomUUID } from 'node:crypto';
import { compareNames } from '../../../shared/collation';
import { AppError } from '../../../shared/errors';
import type { Student, StudentFields } from '../../../shared/schemas';
import type { Db } from '../db/connection';

interface Row {
  id: string; display_name: string; school_type: Student['schoolType']; programme: string; cohort: string;
  mentor: string; leaving_date: string | null; archived_at: string | null; created_at: string; updated_at: string;
}

const toStudent = (row: Row): Student => ({
  id: row.id,
  displayName: row.display_name,
  schoolType: row.school_type,
  programme: row.programme,
  cohort: row.cohort,
  mentor: row.mentor,
  leavingDate: row.leaving_date,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** SQL for students; statements are prepared once per open database. */
export class StudentRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      // Sorted in list(), not here: SQLite has no Dutch collation (see compareNames).
      active: db.prepare('SELECT * FROM students WHERE archived_at IS NULL'),
      all: db.prepare('SELECT * FROM students'),
      get: db.prepare('SELECT * FROM students WHERE id = ?'),
      insert: db.prepare(`INSERT INTO students (id, display_name, school_type, programme, cohort, mentor, leaving_date, created_at, updated_at)
        VALUES (@id, @displayName, @schoolType, @programme, @cohort, @mentor, @leavingDate, @now, @now)`),
      update: db.prepare(`UPDATE students SET display_name = @displayName, school_type = @schoolType, programme = @programme,
        cohort = @cohort, mentor = @mentor, leaving_date = @leavingDate, updated_at = @now WHERE id = @id`),
      setArchived: db.prepare('UPDATE students SET archived_at = @archivedAt, updated_at = @now WHERE id = @id'),
    };
  }

  /** Active students first, each part in Dutch name order (ties by id, so the order is stable). */
  list(includeArchived: boolean): Student[] {
    const statement = includeArchived ? this.statements.all : this.statements.active;
    return (statement.all() as Row[])
      .sort((a, b) => Number(a.archived_at !== null) - Number(b.archived_at !== null)
        || compareNames(a.display_name, b.display_name)
        || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(toStudent);
  }

  get(id: string): Student {
    const row = this.statements.get.get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toStudent(row);
  }

  create(fields: StudentFields, now: string): Student {
    const id = randomUUID();
    this.statements.insert.run({ id, ...fields, now });
    return this.get(id);
  }

  update(id: string, fields: StudentFields, now: string): Student {
    if (this.statements.update.run({ id, ...fields, now }).changes === 0) throw new AppError('NOT_FOUND');
    return this.get(id);
  }

  setArchived(id: string, archivedAt: string | null, now: string): Student {
    if (this.statements.setArchived.run({ id, archivedAt, now }).changes === 0) throw new AppError('NOT_FOUND');
    return this.get(id);
  }
}
