import { z } from 'zod';
import { Id, RecoveryKeyText } from './schemas';

/**
 * The start checklist of a new vault, from real state: a backup folder chosen, students and
 * dialogues of the mentor's own (the example student is not counted), and exports made (from
 * the audit log's `export.made` events). `exampleStudentId` is the example student while it
 * exists; `dismissed` is set when the mentor hides the checklist before it is complete.
 */
export const FirstRunStatus = z.object({
  backupFolderChosen: z.boolean(),
  students: z.number().int().min(0),
  dialogues: z.number().int().min(0),
  exports: z.number().int().min(0),
  exampleStudentId: Id.nullable(),
  dismissed: z.boolean(),
});
export type FirstRunStatus = z.infer<typeof FirstRunStatus>;

export const FirstRunDismissRequest = z.object({ dismissed: z.boolean() }).strict();

/** The recovery key shown once at vault creation, to be saved as a text file where the mentor chooses. */
export const SaveRecoveryKeyRequest = z.object({ recoveryKey: RecoveryKeyText.regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/) }).strict();
