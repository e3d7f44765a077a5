import { z } from 'zod';
import { SCHOOL_TYPES } from './domain';
import { Id } from './schemas';

/**
 * REFI-QDA import (.qdpx project or .qdc codebook made by another QDA tool or by this app): what
 * the preview shows before anything is stored, what the mentor chooses, and what was stored.
 */

/** Why something in the file was left out; each is counted in the preview and the report. */
export const REFI_SKIP_REASONS = [
  /** A PDF, picture, audio or video source: only text sources become dialogues. */
  'unsupportedSource',
  /** A selection on a source that is not imported (unsupported type, or without text). */
  'selectionOnSkippedSource',
  /** A text source whose text is neither inside the file nor readable from its Word document. */
  'sourceTextMissing',
  /** A selection whose start or end lies beyond the source's text (or before its start). */
  'offsetsBeyondText',
  /** A coding that names a code the codebook does not have. */
  'unknownCodeRef',
  /** A selection without any (known) code: nothing to tag it with. */
  'uncodedSelection',
  /** A selection on nothing but whitespace. */
  'emptySelection',
  /** A code without a name. */
  'codeWithoutName',
  /** A note on the project, on a whole source or on words no tag holds: the app has no place for it. */
  'unattachedNote',
  /** A memo longer than the app keeps (5000 characters): cut at that length. */
  'memoShortened',
  /** A selection whose codes are repeated: tagged once per code. */
  'duplicateCoding',
  /** A memo (Description) on a source, a case, a code or the project: the app keeps memos on passages only. */
  'descriptionNotKept',
] as const;
export type RefiSkipReason = (typeof REFI_SKIP_REASONS)[number];

export const RefiSkipped = z.object({ reason: z.enum(REFI_SKIP_REASONS), count: z.number().int().min(1) });
export type RefiSkipped = z.infer<typeof RefiSkipped>;

export const RefiPreview = z.object({
  kind: z.enum(['project', 'codebook']),
  /** The project's (or codebook's) own name and the tool that made it, as the file says. */
  name: z.string().max(200),
  origin: z.string().max(200),
  sources: z.number().int().min(0),
  /** Cases (one student each when imported per case) and how many sources each holds. */
  cases: z.array(z.object({ name: z.string().max(200), sources: z.number().int().min(0) })).max(5000),
  /** Sources that no case names (they go to one extra student when imported per case). */
  sourcesWithoutCase: z.number().int().min(0),
  codesNew: z.number().int().min(0),
  codesMerged: z.number().int().min(0),
  /** Tags that will be made (a selection with two codes is two tags). */
  passages: z.number().int().min(0),
  memos: z.number().int().min(0),
  skipped: z.array(RefiSkipped).max(REFI_SKIP_REASONS.length),
});
export type RefiPreview = z.infer<typeof RefiPreview>;

export const RefiPicked = z.object({
  /** Null when the mentor cancelled the open dialog. */
  token: Id.nullable(),
  preview: RefiPreview.nullable(),
});
export type RefiPicked = z.infer<typeof RefiPicked>;

export const RefiTarget = z.discriminatedUnion('kind', [
  /** A new student per Case, with this school type where the file names none the app knows. */
  z.object({ kind: z.literal('cases'), schoolType: z.enum(SCHOOL_TYPES) }).strict(),
  /** Every source to one existing student. */
  z.object({ kind: z.literal('student'), studentId: Id }).strict(),
]);
export type RefiTarget = z.infer<typeof RefiTarget>;

export const RefiImportRequest = z.object({ token: Id, target: RefiTarget }).strict();

export const RefiImportResult = z.object({
  studentsCreated: z.number().int().min(0),
  dialogues: z.number().int().min(0),
  codesNew: z.number().int().min(0),
  codesMerged: z.number().int().min(0),
  passages: z.number().int().min(0),
  memos: z.number().int().min(0),
  skipped: z.array(RefiSkipped).max(REFI_SKIP_REASONS.length),
  /** The one student when all went to one (for "open the student"), else null. */
  studentId: Id.nullable(),
});
export type RefiImportResult = z.infer<typeof RefiImportResult>;
