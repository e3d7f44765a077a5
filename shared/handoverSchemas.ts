import { z } from 'zod';
import { Id, Passphrase } from './schemas';
import { RowCounts } from './safetySchemas';

// Issue 14: a handover import shows what it will act on, and acts on exactly that.

/** The handover file's own bound (electron/core/handover/handoverFile.ts MAX_HANDOVER_FILE_BYTES). */
export const MAX_HANDOVER_FILE_BYTES = 32 * 1024 * 1024;

export const HandoverInspectRequest = z.object({
  // Twice the file bound, so that a file just over it still reaches the host and hears
  // HANDOVER_TOO_LARGE (the renderer checks the size before reading the file, too).
  dataBase64: z.string().max(Math.ceil((2 * MAX_HANDOVER_FILE_BYTES) / 3) * 4),
  transferPassphrase: Passphrase,
}).strict();

/** What the mentor compares: a student as the file has it, or as this vault has it. */
export const HandoverStudentSummary = z.object({
  name: z.string(),
  /** Cohort or class ("group" on the screen). */
  group: z.string(),
  programme: z.string(),
  /** The school's student number (issue 16), null when there is none. */
  studentNumber: z.string().nullable(),
  dialogues: z.number().int().nonnegative(),
  /** The date of the latest dialogue (YYYY-MM-DD), null when there is none. */
  lastDialogueOn: z.string().nullable(),
  archived: z.boolean(),
});
export type HandoverStudentSummary = z.infer<typeof HandoverStudentSummary>;

export const HandoverAction = z.enum(['import', 'replace', 'copy', 'skip']);
export type HandoverAction = z.infer<typeof HandoverAction>;

export const HandoverInspection = z.object({
  /** Held by the backend (memory only) with the checked file; the import acts on it. */
  token: z.string(),
  file: HandoverStudentSummary,
  /**
   * The student already in this vault that the file would meet: the same id, or else the same
   * student number, or else the same name. Replacing acts on exactly this student.
   */
  local: HandoverStudentSummary.nullable(),
  match: z.enum(['id', 'number', 'name']).nullable(),
  /** The choices that fit: `import` when nothing matches; `replace`, `copy`, `skip` when something does. */
  actions: z.array(HandoverAction),
});
export type HandoverInspection = z.infer<typeof HandoverInspection>;

export const HandoverImportRequest = z.object({
  token: z.string().min(1).max(100),
  action: HandoverAction,
  /** For `replace`: the local student's name, typed by the mentor, as shown in the inspection. */
  confirmName: z.string().max(200).optional(),
}).strict();

export const HandoverImportResult = z.object({
  status: z.enum(['imported', 'skipped', 'replaced', 'copied']),
  studentId: Id.nullable(),
  studentName: z.string(),
  counts: RowCounts,
  /** The file's student number was not stored because another student here has it (unique per vault). */
  studentNumberLeftOut: z.boolean(),
  /** After `replace`: the set-aside copy of the vault as it was (undo with backups:undoRestore). */
  setAside: z.string().nullable(),
});
export type HandoverImportResult = z.infer<typeof HandoverImportResult>;
