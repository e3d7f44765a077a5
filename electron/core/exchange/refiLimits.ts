/**
 * Bounds on a REFI-QDA file the mentor picks. A school's whole year exported by this app is a
 * few MB of text; projects from QDA tools may hold PDFs and media beside the text, which are
 * never unpacked. The bounds keep a crafted file from growing into gigabytes or millions of
 * objects while leaving room for any real project of text interviews.
 */
export const REFI_LIMITS = {
  /** The file on disk, checked before it is read. */
  maxFileBytes: 256 * 1024 * 1024,
  /** One entry unpacked: the .qde, one source's text, one Word document (as for a .docx transcript). */
  maxEntryBytes: 32 * 1024 * 1024,
  /** Everything unpacked from one file together. */
  maxTotalBytes: 128 * 1024 * 1024,
  maxSources: 10_000,
  maxCodes: 5_000,
  maxCases: 5_000,
  maxSelections: 200_000,
  maxNotes: 200_000,
  /** Nesting of elements in the XML (codes nest; nothing else is deep). */
  maxDepth: 200,
} as const;

/** The parse job: a project of text is read in well under a second; this leaves slow laptops room. */
export const REFI_JOB_LIMITS = { maxHeapMb: 512, deadlineMs: 60_000 } as const;

export const MAX_NAME = 200;
export const MAX_CODE_NAME = 100;
export const MAX_MEMO = 5000;
