/**
 * The school administration's student number (issue 16: class lists from Magister or Somtoday).
 * Optional, and unique within the vault when present, so a class list imported twice finds the
 * students it brought the first time. Only the number, never a name, identifies a match here.
 */
export const sql = /* sql */ `
ALTER TABLE students ADD COLUMN student_number TEXT CHECK (student_number IS NULL OR length(student_number) BETWEEN 1 AND 32);
CREATE UNIQUE INDEX students_by_number ON students (student_number) WHERE student_number IS NOT NULL;
`;
