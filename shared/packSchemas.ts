import { z } from 'zod';
import { HexColor, TemplateSection } from './dialogueSchemas';
import { DIALOGUE_KINDS } from './domain';
import { Id } from './schemas';

/**
 * A pack: the mentor's own templates and the codebook in one file (`.lbdpack`, JSON), so that a
 * school's loopbaan coordinator can hand one set to every mentor, or a school policy can name
 * one. Versioned; every array and string is bounded, and so is the file (checked before parsing).
 * Ids in a pack are references inside the file only: an import never reuses them.
 */
export const PACK_FORMAT = 'loopbaandialoog-pack';
export const PACK_VERSION = 1;
export const MAX_PACK_BYTES = 5 * 1024 * 1024;

export const PackCode = z.object({
  ref: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  color: HexColor,
  parentRef: z.string().min(1).max(64).nullable(),
}).strict();
export type PackCode = z.infer<typeof PackCode>;

export const PackTemplate = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(DIALOGUE_KINDS),
  sections: z.array(TemplateSection).min(1).max(30)
    .refine((sections) => new Set(sections.map((section) => section.key)).size === sections.length, { message: 'duplicate_section' }),
}).strict();
export type PackTemplate = z.infer<typeof PackTemplate>;

export const Pack = z.object({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  createdAt: z.string().max(40),
  origin: z.string().max(200),
  templates: z.array(PackTemplate).max(500),
  codes: z.array(PackCode).max(5000),
}).strict();
export type Pack = z.infer<typeof Pack>;

/** Only the header, read first: a newer version is PACK_TOO_NEW rather than "invalid". */
export const PackHeader = z.object({ format: z.literal(PACK_FORMAT), version: z.number().int().min(1) });

export const PackPreview = z.object({
  origin: z.string().max(200),
  /** Names of the templates that will be added (a template the vault has already, identical, is not added again). */
  templatesNew: z.array(z.string().max(200)).max(500),
  templatesSame: z.number().int().min(0),
  codesNew: z.number().int().min(0),
  codesMerged: z.number().int().min(0),
});
export type PackPreview = z.infer<typeof PackPreview>;

export const PackPicked = z.object({ token: Id.nullable(), preview: PackPreview.nullable() });

export const PackImportResult = z.object({
  templatesAdded: z.number().int().min(0),
  templatesSame: z.number().int().min(0),
  codesNew: z.number().int().min(0),
  codesMerged: z.number().int().min(0),
});
export type PackImportResult = z.infer<typeof PackImportResult>;
