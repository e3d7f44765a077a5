import { z } from 'zod';
import { SCHOOL_TYPES } from './domain';
import { IsoDate } from './schemas';

/**
 * Issue 16 parts 3 and 4: a class list from the school's administration comes in (CSV or .xlsx
 * from Magister or Somtoday), and a dialogue log goes out to the school's systems.
 */

/** Bounds on a class list file: a whole school's export is well under these. */
export const CLASS_LIST_LIMITS = {
  /** File size read at all; 10,000 students in CSV are about 1 MB, in .xlsx less. */
  maxBytes: 10 * 1024 * 1024,
  /** Rows (header included); a large school has a few thousand students. */
  maxRows: 20_000,
  maxColumns: 100,
  /** Longer cells are cut in what the preview shows; a value that long is refused for its row. */
  maxCellChars: 1_000,
  /** One part of an .xlsx (a sheet, the shared strings) unpacked, and all parts together. */
  maxXlsxPartBytes: 48 * 1024 * 1024,
  maxXlsxTotalBytes: 96 * 1024 * 1024,
  /** Rows the preview shows. */
  previewRows: 20,
  /** Skipped rows listed by number (all are counted). */
  listedSkips: 500,
  /** Sheets of a workbook offered to choose from (one per class is a few dozen at most). */
  maxSheets: 60,
} as const;

/** One sheet of an .xlsx, as the preview offers it to choose. */
export const ClassListSheet = z.object({
  name: z.string().max(200),
  /** Hidden in Excel (a lookup table, a leftover): listed, never chosen by default. */
  hidden: z.boolean(),
  /** Not one filled cell. */
  empty: z.boolean(),
});
export type ClassListSheet = z.infer<typeof ClassListSheet>;

/** What a column of the class list can become; `ignore` leaves it out. */
export const CLASS_LIST_FIELDS = [
  'studentNumber', 'callName', 'firstNames', 'infix', 'lastName', 'fullName', 'className', 'programme', 'year', 'mentor', 'ignore',
] as const;
export const ClassListField = z.enum(CLASS_LIST_FIELDS);
export type ClassListField = z.infer<typeof ClassListField>;

export const CLASS_LIST_SKIP_REASONS = [
  /** No name in any name column. */
  'noName',
  /** A value longer than the student field holds. */
  'tooLong',
  /** A student number with characters a number does not have. */
  'badNumber',
  /** The same student number as an earlier row of the file. */
  'duplicateInFile',
  /** More than one student in the vault has this name (and none has the row's number). */
  'ambiguousName',
  /** The row is one cell holding another delimiter: mixed delimiters. */
  'otherDelimiter',
  /** More filled cells than the header has columns. */
  'columnCount',
] as const;
export const ClassListSkipReason = z.enum(CLASS_LIST_SKIP_REASONS);
export type ClassListSkipReason = z.infer<typeof ClassListSkipReason>;

export const ClassListSkip = z.object({
  /** The row as a spreadsheet shows it: the header is row 1 (or wherever it stood). */
  row: z.number().int().min(1),
  reason: ClassListSkipReason,
});
export type ClassListSkip = z.infer<typeof ClassListSkip>;

export const ClassListOutcome = z.enum(['new', 'duplicate', 'skipped']);

export const ClassListPreviewRow = z.object({
  row: z.number().int(),
  cells: z.array(z.string()),
  outcome: ClassListOutcome,
  reason: ClassListSkipReason.nullable(),
  /** How a duplicate was recognised. */
  matchedBy: z.enum(['number', 'name']).nullable(),
  displayName: z.string(),
  studentNumber: z.string().nullable(),
  cohort: z.string(),
  schoolType: z.enum(SCHOOL_TYPES),
});
export type ClassListPreviewRow = z.infer<typeof ClassListPreviewRow>;

export const ClassListColumn = z.object({
  index: z.number().int().min(0),
  header: z.string(),
  /** The field this column was recognised as; `ignore` when its header is not known. */
  suggested: ClassListField,
});
export type ClassListColumn = z.infer<typeof ClassListColumn>;

export const ClassListPlanCounts = z.object({
  rows: z.number().int(),
  new: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
});
export type ClassListPlanCounts = z.infer<typeof ClassListPlanCounts>;

/** What a mapping would do with the file: counts, the first rows, every skipped row (bounded). */
export const ClassListPlan = z.object({
  counts: ClassListPlanCounts,
  previewRows: z.array(ClassListPreviewRow),
  skipped: z.array(ClassListSkip),
});
export type ClassListPlan = z.infer<typeof ClassListPlan>;

export const ClassListPreview = z.object({
  /** Names the parsed rows kept in the backend's memory (never on disk) until import or expiry. */
  token: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** CSV only: how the text was encoded and what separates its columns. */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16', 'windows-1252']).nullable(),
  delimiter: z.enum([';', ',', '\t']).nullable(),
  /** The row the header stood on (1-based). */
  headerRow: z.number().int(),
  /** .xlsx only: the workbook's sheets and the one read (the first visible one with data unless chosen). */
  sheets: z.array(ClassListSheet).max(CLASS_LIST_LIMITS.maxSheets),
  sheet: z.string().max(200).nullable(),
  /** Sheets past the listed ones. */
  sheetsOmitted: z.number().int().min(0),
  columns: z.array(ClassListColumn),
  /** Headers of the columns nobody recognised (ignored unless mapped). */
  unknownHeaders: z.array(z.string()),
  /** The school type a student gets when the programme does not say it. */
  defaultSchoolType: z.enum(SCHOOL_TYPES),
  plan: ClassListPlan,
});
export type ClassListPreview = z.infer<typeof ClassListPreview>;

const Mapping = z.array(ClassListField).max(CLASS_LIST_LIMITS.maxColumns);

export const ClassListPlanRequest = z.object({
  token: z.string().min(1).max(64),
  mapping: Mapping,
  defaultSchoolType: z.enum(SCHOOL_TYPES),
}).strict();

/** Read another sheet of the workbook behind `token`: a fresh preview under the same token. */
export const ClassListSheetRequest = z.object({
  token: z.string().min(1).max(64),
  sheet: z.string().min(1).max(200),
}).strict();

export const ClassListImportRequest = ClassListPlanRequest.extend({
  /** What happens to rows that are already students: left as they are, or brought up to date. */
  duplicateAction: z.enum(['skip', 'update']),
}).strict();

export const ClassListImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Duplicates left as they were (duplicateAction 'skip'). */
  unchanged: z.number().int(),
  skipped: z.array(ClassListSkip),
  skippedCount: z.number().int(),
});
export type ClassListImportResult = z.infer<typeof ClassListImportResult>;

/** The dialogue log for the school's systems (issue 16 part 4). */
export const DialogueLogRequest = z.object({
  /** A group as the groups screen chooses one; all current students when none is given. */
  cohort: z.string().max(50).optional(),
  programme: z.string().max(200).optional(),
  schoolType: z.enum(SCHOOL_TYPES).optional(),
  mentor: z.string().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  format: z.enum(['csv', 'xlsx']),
  /** The dialogue's text (private sections never) in a last column; off unless chosen. */
  includeText: z.boolean().default(false),
}).strict().refine((value) => !value.from || !value.to || value.from <= value.to, { message: 'from_after_to', path: ['to'] });
