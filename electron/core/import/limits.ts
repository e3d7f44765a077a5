/**
 * Bounds on what a transcript file may unpack to. A real transcript of a two-hour conversation
 * is about 100 KB of text in a Word document of about 1 MB of XML; these leave ample room and
 * keep a crafted file from growing into gigabytes.
 */
export const TRANSCRIPT_LIMITS = {
  /** The Word document's main part, uncompressed. */
  maxDocumentXmlBytes: 32 * 1024 * 1024,
  /** Lines (paragraphs and soft line breaks) in one file; a 10 MB Teams VTT has about 400,000. */
  maxLines: 1_000_000,
} as const;
