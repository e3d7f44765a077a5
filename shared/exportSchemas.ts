import { z } from 'zod';
import { Id, IsoDate } from './schemas';

/** Logos in document headers: PNG or JPEG, at most this many bytes (a header needs little). */
export const MAX_LOGO_BYTES = 1024 * 1024;

export const Logo = z.object({
  mimeType: z.enum(['image/png', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dataBase64: z.string(),
});
export type Logo = z.infer<typeof Logo>;

/** An opaque handle on an exported file (16 random bytes, base64url); never a path. */
export const OpenToken = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** What an export wrote, or that the mentor cancelled the save dialog. */
export const ExportResult = z.object({
  saved: z.boolean(),
  fileName: z.string(),
  /** Where it went, shown to the mentor; absent when cancelled. */
  location: z.string().nullable(),
  /**
   * Set by the Electron main process (not the core) for a file its save dialog chose and the
   * core wrote in this vault session: the only thing `files:open` / `files:show` accept.
   */
  openToken: OpenToken.optional(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const DialogueExportOptions = z.object({
  dialogueId: Id,
  /** Private mentor sections are left out unless the mentor ticks them. */
  includePrivate: z.boolean().default(false),
  /** Tagged passages as Word comments anchored on their words. */
  tagsAsComments: z.boolean().default(false),
  /** The conversation mirror (speaking share, questions, LOB steps) as a short section. */
  includeMirror: z.boolean().default(false),
}).strict();

/**
 * What a dialogue is to the portfolio: a career-file activity (doel, resultaat, evaluatie,
 * vervolg), the student's own reflection (an internal dialogue), or an external conversation.
 */
export const PORTFOLIO_ROLES = ['activity', 'reflection', 'external'] as const;
export type PortfolioRole = (typeof PORTFOLIO_ROLES)[number];

/**
 * Which kinds of text go in. Activities and reflections by default; external conversations only
 * when ticked. Private sections are not a kind here: only `includePrivate` lets them in.
 */
export const PortfolioSections = z.object({
  activities: z.boolean().default(true),
  reflections: z.boolean().default(true),
  external: z.boolean().default(false),
}).strict();
export type PortfolioSections = z.infer<typeof PortfolioSections>;
export const DEFAULT_PORTFOLIO_SECTIONS: PortfolioSections = { activities: true, reflections: true, external: false };

/** A period holds at most a few hundred dialogues; the bound is for the request, not a limit anyone meets. */
export const MAX_PORTFOLIO_DIALOGUES = 2000;

const PortfolioPeriod = {
  studentId: Id,
  from: IsoDate,
  to: IsoDate,
  /** The dialogues the mentor ticked; absent means every dialogue in the period. */
  dialogueIds: z.array(Id).max(MAX_PORTFOLIO_DIALOGUES).optional(),
};

export const PortfolioExportOptions = z.object({
  ...PortfolioPeriod,
  includePrivate: z.boolean().default(false),
  sections: PortfolioSections.default(DEFAULT_PORTFOLIO_SECTIONS),
}).strict().refine((value) => value.from <= value.to, { message: 'from_after_to', path: ['to'] });

export const PortfolioPreviewRequest = z.object(PortfolioPeriod).strict();

/** One dialogue of the period, for the mentor to tick or untick. */
export const PortfolioChoice = z.object({
  id: Id,
  heldOn: z.string(),
  title: z.string(),
  role: z.enum(PORTFOLIO_ROLES),
  /** Private sections with text in it, left out unless the mentor includes them. */
  privateSections: z.number().int(),
});
export type PortfolioChoice = z.infer<typeof PortfolioChoice>;

export const PortfolioPreview = z.object({
  /** Counts over the chosen dialogues (all of the period when none are named). */
  dialogues: z.number().int(),
  activities: z.number().int(),
  reflections: z.number().int(),
  boundaryExperiences: z.number().int(),
  openActions: z.number().int(),
  doneActions: z.number().int(),
  /** Every dialogue of the period, oldest first. */
  choices: z.array(PortfolioChoice),
});
export type PortfolioPreview = z.infer<typeof PortfolioPreview>;
