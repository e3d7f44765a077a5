/**
 * The ids of erased students, with the day of erasure (issue 14). Ids only, never a name: the
 * list must be kept for as long as any older copy of the vault may come back (a backup, a
 * set-aside copy), so that a restore can erase those students again before the vault is shown.
 * It lives in the encrypted vault like everything else, and is carried by every backup.
 */
export const sql = /* sql */ `
CREATE TABLE erased_students (
  student_id TEXT PRIMARY KEY,
  erased_at TEXT NOT NULL
) STRICT;
`;
