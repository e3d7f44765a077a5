import { z } from 'zod';
import { CODE_CUES } from '../../../shared/builtins/codes';
import { AnnotationAttributes, TemplateSection } from '../../../shared/dialogueSchemas';
import { DIALOGUE_KINDS, PARTICIPANT_ROLES, SCHOOL_TYPES } from '../../../shared/domain';
import { DialogueDocSchema } from '../../../shared/editorDoc';
import { AppError } from '../../../shared/errors';
import { Id, StudentFields } from '../../../shared/schemas';
import type { Db } from '../db/connection';
import { upgradeLegacySnapshot } from './legacySnapshot';
import { snapshotRecordings, SnapshotRecordingFields } from './recordingSnapshot';

/**
 * Everything the vault holds about one student, as plain JSON: for a handover to another mentor
 * (encrypted, see handoverFile.ts) and for an access request (readable). Rows are copied as
 * stored, ids included, so that an import can recreate them faithfully. No other student's data,
 * no settings, no audit.
 */
export const SNAPSHOT_FORMAT = 'loopbaandialoog-student';
export const SNAPSHOT_VERSION = 1;

const text = z.string().max(1_000_000);

/**
 * How many of each a handover may carry (issue 14). A file is untrusted: every array and string
 * has a bound, well above a real student's data (a student has a few dozen dialogues, a handful
 * of templates), so that a crafted file is refused with its own message rather than worked through.
 */
export const SNAPSHOT_LIMITS = {
  placements: 500,
  templateVersions: 200,
  codes: 2000,
  dialogues: 2000,
  annotations: 50_000,
  actions: 10_000,
  amendments: 10_000,
} as const;
export type SnapshotCollection = keyof typeof SNAPSHOT_LIMITS;
const stamp = z.string().max(40);
const date = z.string().max(40).nullable();

export const SnapshotStudent = z.object({
  id: Id,
  displayName: z.string().min(1).max(200),
  schoolType: z.enum(SCHOOL_TYPES),
  programme: text,
  cohort: text,
  mentor: text,
  leavingDate: date,
  /**
   * The school's student number (issue 16), written only when the student has one. Checked as a
   * number the mentor types is (StudentFields: at most 32 letters, digits and separators, '' is
   * none), so a file cannot bring a number the app would refuse, nor one that starts a formula in
   * the dialogue log's CSV. Optional and additive: files made before it import without one, and
   * an older app (whose schema strips unknown keys) reads a newer file without it, so the snapshot
   * version stays 1.
   */
  studentNumber: StudentFields.shape.studentNumber,
  archivedAt: date,
  createdAt: stamp,
  updatedAt: stamp,
});

export const SnapshotPlacement = z.object({
  id: Id, organisation: text, supervisor: text, startDate: date, endDate: date, createdAt: stamp,
});

/** A template version in full, so a receiving vault can recreate a custom one it lacks. */
export const SnapshotTemplateVersion = z.object({
  id: Id,
  templateId: Id,
  /** Built-in templates are matched by key and version number: their ids differ per vault. */
  builtinKey: z.string().max(80).nullable(),
  version: z.number().int().min(1),
  name: z.string().min(1).max(200),
  kind: z.enum(DIALOGUE_KINDS),
  sections: z.array(TemplateSection).max(100),
  createdAt: stamp,
});

/**
 * A code used by the student's passages, and every parent of such a code. Built-ins are matched
 * by key (name, colour and cue are only a fallback for a key the receiving app does not know);
 * custom codes by name under the same parent.
 */
export const SnapshotCode = z.object({
  id: Id,
  parentId: Id.nullable(),
  builtinKey: z.string().max(80).nullable(),
  name: z.string().min(1).max(200),
  color: z.string().max(20),
  cue: z.enum(CODE_CUES),
});

export const SnapshotDialogue = z.object({
  id: Id,
  templateVersionId: Id,
  placementId: Id.nullable(),
  kind: z.enum(DIALOGUE_KINDS),
  heldOn: z.string().max(40),
  title: text,
  content: DialogueDocSchema,
  wordCount: z.number().int().nonnegative(),
  status: z.enum(['draft', 'final']),
  finalisedAt: date,
  revision: z.number().int().min(1),
  createdAt: stamp,
  updatedAt: stamp,
  participants: z.array(z.object({ name: z.string().min(1).max(200), role: z.enum(PARTICIPANT_ROLES) })).max(100),
});

export const SnapshotAnnotation = z.object({
  id: Id, dialogueId: Id, codeId: Id, quote: text, memo: text, attributes: AnnotationAttributes,
  createdAt: stamp, updatedAt: stamp,
});

export const SnapshotAction = z.object({
  id: Id,
  dialogueId: Id.nullable(),
  annotationId: Id.nullable(),
  text: z.string().min(1).max(100_000),
  owner: z.enum(['student', 'mentor']),
  dueDate: date,
  doneAt: date,
  createdAt: stamp,
  updatedAt: stamp,
});

/** As the app stores it (amendmentRepository.ts): a JSON object with the text, nothing else. */
export const SnapshotAmendment = z.object({
  id: Id, dialogueId: Id, content: z.object({ text: z.string().min(1).max(100_000) }).strict(), createdAt: stamp,
});

export const StudentSnapshot = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  exportedAt: stamp,
  student: SnapshotStudent,
  placements: z.array(SnapshotPlacement).max(SNAPSHOT_LIMITS.placements),
  templateVersions: z.array(SnapshotTemplateVersion).max(SNAPSHOT_LIMITS.templateVersions),
  codes: z.array(SnapshotCode).max(SNAPSHOT_LIMITS.codes),
  dialogues: z.array(SnapshotDialogue).max(SNAPSHOT_LIMITS.dialogues),
  annotations: z.array(SnapshotAnnotation).max(SNAPSHOT_LIMITS.annotations),
  actions: z.array(SnapshotAction).max(SNAPSHOT_LIMITS.actions),
  amendments: z.array(SnapshotAmendment).max(SNAPSHOT_LIMITS.amendments),
  /** Consent and audio (issue 17); absent in files made before it. */
  ...SnapshotRecordingFields,
}).superRefine((snapshot, issue) => {
  // An id twice in one collection would make an import fail halfway or merge two rows into one.
  for (const key of Object.keys(SNAPSHOT_LIMITS) as SnapshotCollection[]) {
    const items = snapshot[key] as { id: string }[];
    if (new Set(items.map((item) => item.id)).size !== items.length) issue.addIssue({ code: 'custom', message: DUPLICATE_ID });
  }
  // Every reference must point inside the snapshot (or at a code/template it carries).
  const ids = (items: { id: string }[]) => new Set(items.map((item) => item.id));
  const placements = ids(snapshot.placements);
  const versions = ids(snapshot.templateVersions);
  const codes = ids(snapshot.codes);
  const dialogues = ids(snapshot.dialogues);
  const annotations = ids(snapshot.annotations);
  const bad = (message: string) => issue.addIssue({ code: 'custom', message });
  for (const dialogue of snapshot.dialogues) {
    if (!versions.has(dialogue.templateVersionId)) bad('dialogue_template');
    if (dialogue.placementId !== null && !placements.has(dialogue.placementId)) bad('dialogue_placement');
  }
  for (const code of snapshot.codes) if (code.parentId !== null && !codes.has(code.parentId)) bad('code_parent');
  for (const annotation of snapshot.annotations) {
    if (!dialogues.has(annotation.dialogueId)) bad('annotation_dialogue');
    if (!codes.has(annotation.codeId)) bad('annotation_code');
  }
  for (const action of snapshot.actions) {
    if (action.dialogueId !== null && !dialogues.has(action.dialogueId)) bad('action_dialogue');
    if (action.annotationId !== null && !annotations.has(action.annotationId)) bad('action_annotation');
  }
  for (const amendment of snapshot.amendments) if (!dialogues.has(amendment.dialogueId)) bad('amendment_dialogue');
});
export type StudentSnapshot = z.infer<typeof StudentSnapshot>;

const DUPLICATE_ID = 'duplicate_id';

/**
 * A snapshot from a file (the previous version's vocabulary mapped first), checked, or the named reason it is refused: HANDOVER_TOO_MANY_ITEMS
 * (an array over its bound; checked on the raw JSON first, before anything is parsed),
 * HANDOVER_TEXT_TOO_LONG, HANDOVER_DUPLICATE_IDS, or HANDOVER_DAMAGED for anything else.
 */
export function parseSnapshot(json: unknown): StudentSnapshot {
  if (json && typeof json === 'object') {
    for (const [key, max] of Object.entries(SNAPSHOT_LIMITS)) {
      const value = (json as Record<string, unknown>)[key];
      if (Array.isArray(value) && value.length > max) throw new AppError('HANDOVER_TOO_MANY_ITEMS');
    }
  }
  const parsed = StudentSnapshot.safeParse(upgradeLegacySnapshot(json));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  if (issues.some((i) => i.code === 'too_big' && i.origin === 'array')) throw new AppError('HANDOVER_TOO_MANY_ITEMS');
  if (issues.some((i) => i.code === 'too_big' && i.origin === 'string')) throw new AppError('HANDOVER_TEXT_TOO_LONG');
  if (issues.some((i) => i.code === 'custom' && i.message === DUPLICATE_ID)) throw new AppError('HANDOVER_DUPLICATE_IDS');
  throw new AppError('HANDOVER_DAMAGED');
}

interface StudentRow {
  id: string; display_name: string; school_type: (typeof SCHOOL_TYPES)[number]; programme: string; cohort: string;
  mentor: string; leaving_date: string | null; student_number: string | null; archived_at: string | null; created_at: string; updated_at: string;
}
interface CodeRow { id: string; parent_id: string | null; builtin_key: string | null; name: string; color: string; cue: (typeof CODE_CUES)[number] }

/** Reads one student's complete data. NOT_FOUND when there is no such student. */
export function buildStudentSnapshot(db: Db, studentId: string, exportedAt: string): StudentSnapshot {
  const student = db.prepare('SELECT * FROM students WHERE id = ?').get(studentId) as StudentRow | undefined;
  if (!student) throw new AppError('NOT_FOUND');

  const placements = db.prepare(`SELECT id, organisation, supervisor, start_date AS startDate, end_date AS endDate, created_at AS createdAt
    FROM placements WHERE student_id = ? ORDER BY created_at, rowid`).all(studentId) as StudentSnapshot['placements'];

  const dialogueRows = db.prepare(`SELECT id, template_version_id AS templateVersionId, placement_id AS placementId, kind, held_on AS heldOn,
      title, content, word_count AS wordCount, status, finalised_at AS finalisedAt, revision, created_at AS createdAt, updated_at AS updatedAt
    FROM dialogues WHERE student_id = ? ORDER BY held_on, created_at, rowid`).all(studentId) as (Omit<StudentSnapshot['dialogues'][number], 'content' | 'participants'> & { content: string })[];
  const participants = db.prepare('SELECT name, role FROM dialogue_participants WHERE dialogue_id = ? ORDER BY position, id');
  const dialogues = dialogueRows.map((row) => ({
    ...row,
    content: JSON.parse(row.content) as StudentSnapshot['dialogues'][number]['content'],
    participants: participants.all(row.id) as StudentSnapshot['dialogues'][number]['participants'],
  }));

  const versionRows = db.prepare(`SELECT DISTINCT v.id, v.template_id AS templateId, t.builtin_key AS builtinKey, v.version, v.name, v.kind,
      v.sections, v.created_at AS createdAt
    FROM template_versions v JOIN templates t ON t.id = v.template_id JOIN dialogues d ON d.template_version_id = v.id
    WHERE d.student_id = ? ORDER BY v.template_id, v.version`).all(studentId) as (Omit<StudentSnapshot['templateVersions'][number], 'sections'> & { sections: string })[];
  const templateVersions = versionRows.map((row) => ({ ...row, sections: JSON.parse(row.sections) as StudentSnapshot['templateVersions'][number]['sections'] }));

  const annotationRows = db.prepare(`SELECT a.id, a.dialogue_id AS dialogueId, a.code_id AS codeId, a.quote, a.memo, a.attributes,
      a.created_at AS createdAt, a.updated_at AS updatedAt
    FROM annotations a JOIN dialogues d ON d.id = a.dialogue_id WHERE d.student_id = ? ORDER BY a.created_at, a.rowid`).all(studentId) as (Omit<StudentSnapshot['annotations'][number], 'attributes'> & { attributes: string })[];
  const annotations = annotationRows.map((row) => ({ ...row, attributes: JSON.parse(row.attributes) as StudentSnapshot['annotations'][number]['attributes'] }));

  // The codes used, with their whole parent chain.
  const codeById = db.prepare('SELECT id, parent_id, builtin_key, name, color, cue FROM codes WHERE id = ?');
  const codes = new Map<string, StudentSnapshot['codes'][number]>();
  for (const annotation of annotations) {
    let next: string | null = annotation.codeId;
    while (next !== null && !codes.has(next)) {
      const row = codeById.get(next) as CodeRow | undefined;
      if (!row) break;
      codes.set(row.id, { id: row.id, parentId: row.parent_id, builtinKey: row.builtin_key, name: row.name, color: row.color, cue: row.cue });
      next = row.parent_id;
    }
  }

  const actions = db.prepare(`SELECT id, dialogue_id AS dialogueId, annotation_id AS annotationId, text, owner, due_date AS dueDate,
      done_at AS doneAt, created_at AS createdAt, updated_at AS updatedAt
    FROM agreements WHERE student_id = ? ORDER BY created_at, rowid`).all(studentId) as StudentSnapshot['actions'];

  const amendmentRows = db.prepare(`SELECT m.id, m.dialogue_id AS dialogueId, m.content, m.created_at AS createdAt
    FROM amendments m JOIN dialogues d ON d.id = m.dialogue_id WHERE d.student_id = ? ORDER BY m.created_at, m.rowid`).all(studentId) as { id: string; dialogueId: string; content: string; createdAt: string }[];
  const amendments = amendmentRows.map((row) => ({ ...row, content: JSON.parse(row.content) as { text: string } }));

  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt,
    student: {
      id: student.id,
      displayName: student.display_name,
      schoolType: student.school_type,
      programme: student.programme,
      cohort: student.cohort,
      mentor: student.mentor,
      leavingDate: student.leaving_date,
      ...(student.student_number !== null ? { studentNumber: student.student_number } : {}),
      archivedAt: student.archived_at,
      createdAt: student.created_at,
      updatedAt: student.updated_at,
    },
    placements,
    templateVersions,
    codes: [...codes.values()],
    dialogues,
    annotations,
    actions,
    amendments,
    ...snapshotRecordings(db, studentId),
  };
}
