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

/** What an export wrote, or that the mentor cancelled the save dialog. */
export const ExportResult = z.object({
  saved: z.boolean(),
  fileName: z.string(),
  /** Where it went, shown to the mentor; absent when cancelled. */
  location: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const DialogueExportOptions = z.object({
  dialogueId: Id,
  /** Private mentor sections are left out unless the mentor ticks them. */
  includePrivate: z.boolean().default(false),
  /** Tagged passages as Word comments anchored on their words. */
  tagsAsComments: z.boolean().default(false),
}).strict();

export const PortfolioExportOptions = z.object({
  studentId: Id,
  from: IsoDate,
  to: IsoDate,
  includePrivate: z.boolean().default(false),
}).strict().refine((value) => value.from <= value.to, { message: 'from_after_to', path: ['to'] });

export const PortfolioPreview = z.object({
  dialogues: z.number().int(),
  activities: z.number().int(),
  boundaryExperiences: z.number().int(),
  openActions: z.number().int(),
  doneActions: z.number().int(),
});
export type PortfolioPreview = z.infer<typeof PortfolioPreview>;
