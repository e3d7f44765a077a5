import { randomUUID } from 'node:crypto';
import { compareNames } from '../../../shared/collation';
import { AppError } from '../../../shared/errors';
import type { Student, StudentFields } from '../../../shared/schemas';
import type { Db } from '../db/connection';

interface Row {
  id: string; display_name: string; school_type: Student['schoolType']; programme: string; cohort: string;
  mentor: string; leaving_date: string | null; student_number: string | null; archived_at: string | null; created_at: string; updated_at: string;
}

const toStudent = (row: Row): Student => ({
  id: row.id,
  displayName: row.display_name,
  schoolType: row.school_type,
  programme: row.programme,
  cohort: row.cohort,
  mentor: row.mentor,
  leavingDate: row.leaving_date,
  studentNumber: row.student_number,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A second student with the same number is refused by the unique index; named for the mentor. */
function numberTaken<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' && /student_number/.test((error as Error).message)) {
      throw new AppError('STUDENT_NUMBER_TAKEN', undefined, { cause: error });
    }
    throw error;
  }
}

/** SQL for students; statements are prepared once per open database. */
export class StudentRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      // Sorted in list(), not here: SQLite has no Dutch collation (see compareNames).
      active: db.prepare('SELECT * FROM students WHERE archived_at IS NULL'),
      all: db.prepare('SELECT * FROM students'),
      get: db.prepare('SELECT * FROM students WHERE id = ?'),
      insert: db.prepare(`INSERT INTO students (id, display_name, school_type, programme, cohort, mentor, leaving_date, student_number, created_at, updated_at)
        VALUES (@id, @displayName, @schoolType, @programme, @cohort, @mentor, @leavingDate, @studentNumber, @now, @now)`),
      // @keepNumber: an update that does not mention the number leaves it as it is.
      update: db.prepare(`UPDATE students SET display_name = @displayName, school_type = @schoolType, programme = @programme,
        cohort = @cohort, mentor = @mentor, leaving_date = @leavingDate,
        student_number = CASE WHEN @keepNumber THEN student_number ELSE @studentNumber END, updated_at = @now WHERE id = @id`),
      byNumber: db.prepare('SELECT * FROM students WHERE student_number = ?'),
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

  /** The student with this administration number, archived or not; null when none has it. */
  findByNumber(studentNumber: string): Student | null {
    const row = this.statements.byNumber.get(studentNumber) as Row | undefined;
    return row ? toStudent(row) : null;
  }

  create(fields: StudentFields, now: string): Student {
    const id = randomUUID();
    numberTaken(() => this.statements.insert.run({ id, ...fields, studentNumber: fields.studentNumber ?? null, now }));
    return this.get(id);
  }

  update(id: string, fields: StudentFields, now: string): Student {
    const keepNumber = fields.studentNumber === undefined ? 1 : 0;
    const result = numberTaken(() => this.statements.update.run({ id, ...fields, studentNumber: fields.studentNumber ?? null, keepNumber, now }));
    if (result.changes === 0) throw new AppError('NOT_FOUND');
    return this.get(id);
  }

  setArchived(id: string, archivedAt: string | null, now: string): Student {
    if (this.statements.setArchived.run({ id, archivedAt, now }).changes === 0) throw new AppError('NOT_FOUND');
    return this.get(id);
  }
}
