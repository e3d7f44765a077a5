import { runWarmJob } from '../jobs/warmJob';
import type { DialogueSummaryInput, DialogueSummaryOptions, ExportContext, PortfolioInput, PortfolioOptions } from './exportModel';
import type { GroupReportInput } from './groupReportDocx';

/** One Word document to build: which builder, and the plain data it is a pure function of. */
export type DocxJob =
  | { kind: 'dialogue'; input: DialogueSummaryInput; options: DialogueSummaryOptions; ctx: ExportContext }
  | { kind: 'portfolio'; input: PortfolioInput; options: PortfolioOptions; ctx: ExportContext }
  | { kind: 'group'; input: GroupReportInput; ctx: ExportContext };

/**
 * The input is our own data (read from the vault), not a hostile file, so the limits are there
 * for the worst honest case: a school year of long dialogues.
 */
const DOCX_LIMITS = { maxHeapMb: 1024, deadlineMs: 120_000 };

/** Builds the document in the warm export worker; the same bytes as building it here (the builders are pure). */
export async function buildDocxInJob(job: DocxJob): Promise<Buffer> {
  const bytes = await runWarmJob<Uint8Array>('docxBuild', job, DOCX_LIMITS);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
