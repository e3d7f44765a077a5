import { z } from 'zod';
import { CODE_CUES } from './builtins/codes';
import { COMPETENCES, DIALOGUE_KINDS, DILEMMA_TYPES, EXPERIENCE_CONTEXTS, PARTICIPANT_ROLES } from './domain';
import { DialogueDocSchema } from './editorDoc';
import { Id, IsoDate } from './schemas';

// Schemas of issue 3's domain: templates, dialogues, codebook, annotations, actions, amendments.

export const TemplateSection = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,80}$/),
  title: z.string().trim().min(1).max(200),
  prompt: z.string().trim().max(1000),
  competence: z.enum(COMPETENCES).nullable(),
  private: z.boolean(),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

export const TemplateVersion = z.object({
  id: Id,
  templateId: Id,
  version: z.number().int().min(1),
  name: z.string(),
  kind: z.enum(DIALOGUE_KINDS),
  sections: z.array(TemplateSection),
  builtinKey: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type TemplateVersion = z.infer<typeof TemplateVersion>;

export const TemplateDraft = z.object({
  templateId: Id,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(DIALOGUE_KINDS),
  sections: z.array(TemplateSection).min(1).max(30)
    .refine((sections) => new Set(sections.map((section) => section.key)).size === sections.length, { message: 'duplicate_section' }),
});

export const Participant = z.object({ name: z.string().trim().min(1).max(200), role: z.enum(PARTICIPANT_ROLES) });
export type Participant = z.infer<typeof Participant>;

export const Placement = z.object({
  id: Id, studentId: Id, organisation: z.string(), supervisor: z.string(),
  startDate: z.string().nullable(), endDate: z.string().nullable(),
});
export type Placement = z.infer<typeof Placement>;
export const PlacementFields = z.object({
  studentId: Id,
  organisation: z.string().trim().min(1).max(200),
  supervisor: z.string().trim().max(200).default(''),
  startDate: IsoDate.nullable().default(null),
  endDate: IsoDate.nullable().default(null),
});

export const AnnotationAttributes = z.object({
  dilemmaType: z.enum(DILEMMA_TYPES).optional(),
  context: z.enum(EXPERIENCE_CONTEXTS).optional(),
}).strict();
export type AnnotationAttributes = z.infer<typeof AnnotationAttributes>;

export const Annotation = z.object({
  id: Id,
  dialogueId: Id,
  codeId: Id,
  quote: z.string(),
  memo: z.string(),
  attributes: AnnotationAttributes,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const Code = z.object({
  id: Id,
  parentId: Id.nullable(),
  builtinKey: z.string().nullable(),
  name: z.string(),
  color: z.string(),
  cue: z.enum(CODE_CUES),
  position: z.number().int(),
  usage: z.number().int().nonnegative(),
});
export type Code = z.infer<typeof Code>;
export const HexColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/);

export const ActionOwner = z.enum(['student', 'mentor']);
export const Action = z.object({
  id: Id,
  studentId: Id,
  dialogueId: Id.nullable(),
  annotationId: Id.nullable(),
  text: z.string(),
  owner: ActionOwner,
  dueDate: z.string().nullable(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Action = z.infer<typeof Action>;
export const ActionFields = z.object({
  text: z.string().trim().min(1).max(1000),
  owner: ActionOwner,
  dueDate: IsoDate.nullable().default(null),
});

export const Amendment = z.object({ id: Id, dialogueId: Id, text: z.string(), createdAt: z.string() });
export type Amendment = z.infer<typeof Amendment>;

export const DialogueStatus = z.enum(['draft', 'final']);

export const DialogueSummary = z.object({
  id: Id,
  studentId: Id,
  title: z.string(),
  kind: z.enum(DIALOGUE_KINDS),
  heldOn: z.string(),
  status: DialogueStatus,
  templateName: z.string(),
  wordCount: z.number().int(),
  annotationCount: z.number().int(),
  updatedAt: z.string(),
});
export type DialogueSummary = z.infer<typeof DialogueSummary>;

export const Dialogue = z.object({
  id: Id,
  studentId: Id,
  template: TemplateVersion,
  kind: z.enum(DIALOGUE_KINDS),
  heldOn: z.string(),
  title: z.string(),
  placementId: Id.nullable(),
  participants: z.array(Participant),
  content: DialogueDocSchema,
  revision: z.number().int(),
  wordCount: z.number().int(),
  status: DialogueStatus,
  finalisedAt: z.string().nullable(),
  annotations: z.array(Annotation),
  actions: z.array(Action),
  amendments: z.array(Amendment),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dialogue = z.infer<typeof Dialogue>;

export const DialogueDetails = z.object({
  heldOn: IsoDate,
  title: z.string().trim().max(200).default(''),
  participants: z.array(Participant).max(20),
  placementId: Id.nullable().default(null),
});

export const StudentOverview = z.object({
  dialogues: z.array(DialogueSummary),
  openActions: z.array(Action),
  boundaryByDilemma: z.record(z.enum([...DILEMMA_TYPES, 'none']), z.number().int()),
  passagesByCompetence: z.record(z.enum(COMPETENCES), z.number().int()),
});
export type StudentOverview = z.infer<typeof StudentOverview>;

/** At most this many bytes of a transcript file cross the boundary. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

export const TranscriptTurn = z.object({ speaker: z.string(), text: z.string(), startMs: z.number().int().nullable() });
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;
/**
 * Why a line was left out. `tool_note` is a recording tool's own line ("Transcribed by
 * otter.ai", "… heeft de transcriptie gestopt"): no one said it, so it is dropped, and listed
 * so the mentor can see that nothing else went.
 */
export const SkippedLine = z.object({ line: z.number().int(), reason: z.enum(['no_speaker', 'bad_timing', 'empty_cue', 'unreadable', 'too_long', 'tool_note']) });
/**
 * Speakers that look like one person written two ways ("M. Jansen" and "Mentor Jansen", "Noor"
 * and "noor"). Only offered: the parser never merges them itself, the mentor decides.
 */
export const SpeakerMerge = z.object({ into: z.string(), from: z.array(z.string()).min(1) });
export type SpeakerMerge = z.infer<typeof SpeakerMerge>;
export const ParsedTranscript = z.object({
  format: z.enum(['txt', 'vtt', 'srt', 'docx']),
  turns: z.array(TranscriptTurn),
  speakers: z.array(z.string()),
  skipped: z.array(SkippedLine),
  /** Present only when there is something to offer; older callers never see it. */
  suggestedMerges: z.array(SpeakerMerge).optional(),
});
export type ParsedTranscript = z.infer<typeof ParsedTranscript>;
export const Pseudonym = z.object({ name: z.string().trim().min(1).max(200), replacement: z.string().trim().min(1).max(200) });
