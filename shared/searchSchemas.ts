import { z } from 'zod';
import { COMPETENCES, DIALOGUE_KINDS, DILEMMA_TYPES, SCHOOL_TYPES } from './domain';
import { Id, IsoDate } from './schemas';

// Issue 6: full-text search, tag search, student timeline, group overview.

/** Longer queries are cut to this many characters (and the answer says so). */
export const MAX_QUERY_LENGTH = 500;
/** Most hits a search counts and orders; beyond it the answer says "more than". */
export const SEARCH_CAP = 1_000;
/** Snippet highlight markers: private-use characters that never occur in typed text. */
export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

export const SearchRequest = z.object({
  query: z.string().max(10_000),
  studentId: Id.optional(),
  kind: z.enum(DIALOGUE_KINDS).optional(),
  codeId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  order: z.enum(['best', 'newest']).default('best'),
  limit: z.number().int().min(1).max(200).default(50),
}).strict();

export const SearchHit = z.object({
  /** What matched: dialogue text, a tag memo, an agreement, or a student's name. */
  source: z.enum(['dialogue', 'memo', 'action', 'student']),
  studentId: Id,
  studentName: z.string(),
  dialogueId: Id.nullable(),
  dialogueTitle: z.string().nullable(),
  heldOn: z.string().nullable(),
  /** Section of the dialogue the hit is in, to scroll to. */
  sectionKey: z.string().nullable(),
  /** Text with HIT_START/HIT_END around the matched words. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/**
 * `total` counts the hits up to SEARCH_CAP; `capped` says there are more, and that only the
 * newest SEARCH_CAP were ordered (see searchAll).
 */
export const SearchResult = z.object({ hits: z.array(SearchHit), truncated: z.boolean(), total: z.number().int(), capped: z.boolean() });

export const TagSearchRequest = z.object({
  codeId: Id,
  dilemmaType: z.enum(DILEMMA_TYPES).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
}).strict();

export const TagHit = z.object({
  annotationId: Id,
  studentId: Id,
  studentName: z.string(),
  dialogueId: Id,
  dialogueTitle: z.string(),
  heldOn: z.string(),
  quote: z.string(),
  memo: z.string(),
  dilemmaType: z.string().nullable(),
  context: z.string().nullable(),
});
export type TagHit = z.infer<typeof TagHit>;

export const TimelinePeriod = z.object({
  /** `YYYY-MM` */
  month: z.string(),
  internal: z.number().int(),
  external: z.number().int(),
  boundaryExperiences: z.number().int(),
  competences: z.record(z.enum(COMPETENCES), z.number().int()),
});
export type TimelinePeriod = z.infer<typeof TimelinePeriod>;

export const GroupFilter = z.object({
  cohort: z.string().max(50).optional(),
  programme: z.string().max(200).optional(),
  schoolType: z.enum(SCHOOL_TYPES).optional(),
  mentor: z.string().max(200).optional(),
  weeksWithoutDialogue: z.number().int().min(1).max(52).default(6),
}).strict();

export const GroupRow = z.object({
  studentId: Id,
  displayName: z.string(),
  dialogues: z.number().int(),
  internal: z.number().int(),
  external: z.number().int(),
  boundaryByDilemma: z.record(z.enum([...DILEMMA_TYPES, 'none']), z.number().int()),
  passagesByCompetence: z.record(z.enum(COMPETENCES), z.number().int()),
  overdueActions: z.number().int(),
  lastDialogue: z.string().nullable(),
  /** No dialogue in the last N weeks. */
  quiet: z.boolean(),
});
export type GroupRow = z.infer<typeof GroupRow>;
