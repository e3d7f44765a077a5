import type { RequestOut } from '../../../shared/contract';
import type { Code, Dialogue } from '../../../shared/dialogueSchemas';
import type { ExportResult } from '../../../shared/exportSchemas';
import { dialogueView } from '../domain/dialogueView';
import type { HandlerContext } from '../handlers/context';
import { groupOverview } from '../insights/groupOverview';
import { compareText } from './agreements';
import { exportedSections, isBoundary, taggedPassages } from './dialogueContent';
import { save } from './exportService';
import type { ExportContext } from './exportModel';
import { buildDocxInJob } from './docxJob';
import type { GroupQuote, GroupStudentQuotes } from './groupReportDocx';
import { labelsFor } from './labels';
import { LogoStore } from './logo';

/**
 * Boundary-experience quotes of one dialogue as an export may show them: taken from the
 * non-private sections only, so a tag inside a private note never reaches the report.
 */
export function boundaryQuotes(dialogue: Dialogue, codes: ReadonlyMap<string, Code>): GroupQuote[] {
  const sections = exportedSections(dialogue, false);
  return taggedPassages(dialogue, sections, codes).filter(isBoundary).map((passage) => ({
    heldOn: dialogue.heldOn,
    quote: passage.quote,
    dilemmaType: passage.annotation.attributes.dilemmaType ?? null,
    context: passage.annotation.attributes.context ?? null,
  }));
}

export async function exportGroupReport(ctx: HandlerContext, request: RequestOut<'export:groupReport'>): Promise<ExportResult> {
  const { includeQuotes, ...filter } = request;
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const rows = groupOverview(services, filter, ctx.now());
  let quotes: GroupStudentQuotes[] | null = null;
  if (includeQuotes) {
    const codes = new Map(services.codes.list().map((code): [string, Code] => [code.id, code]));
    quotes = rows.map((row) => ({
      studentId: row.studentId,
      displayName: row.displayName,
      // Oldest first; only dialogues with a boundary experience at all are opened.
      quotes: Object.values(row.boundaryByDilemma).some((n) => n > 0)
        ? services.dialogues.summaries(row.studentId)
          .map((summary) => dialogueView(services, summary.id, language))
          .sort((a, b) => compareText(a.heldOn, b.heldOn) || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
          .flatMap((dialogue) => boundaryQuotes(dialogue, codes))
        : [],
    }));
  }
  const exportCtx: ExportContext = {
    language,
    now: new Date(ctx.now()),
    school: { name: services.settings.get().schoolName, logo: new LogoStore(services.db).get() },
    author: '',
  };
  const data = await buildDocxInJob({ kind: 'group', input: { filter, rows, quotes }, ctx: exportCtx });
  return save(ctx, labelsFor(language).doc.group.fileName, data, 'group');
}
