import { Document, type FileChild, type ICommentOptions, type Paragraph } from 'docx';
import type { ExportContext } from './exportModel';
import type { Labels } from './labels';
import { pageFrame } from './pageFrame';
import { NUMBERING, documentStyles } from './styles';
import { cleanLine } from './textSafety';

/** The parts every exported document shares: styles, lists, page frame and properties. */

export interface DocumentContent {
  title: string;
  description: string;
  children: FileChild[];
  comments?: ICommentOptions[];
  /** Footnotes by id, referred to by FootnoteReferenceRun in the text. */
  footnotes?: Record<string, { children: Paragraph[] }>;
  /** Ask Word to update fields on opening: a table of contents is only filled in then. */
  updateFields?: boolean;
}

export function wordDocument(content: DocumentContent, ctx: ExportContext, labels: Labels): Document {
  const author = cleanLine(ctx.author).trim();
  return new Document({
    title: cleanLine(content.title).trim(),
    description: cleanLine(content.description).trim(),
    // An empty name leaves the properties out; docx would otherwise write "Un-named".
    creator: author,
    lastModifiedBy: author,
    styles: documentStyles(labels.language),
    numbering: NUMBERING,
    comments: content.comments && content.comments.length > 0 ? { children: content.comments } : undefined,
    footnotes: content.footnotes && Object.keys(content.footnotes).length > 0 ? content.footnotes : undefined,
    features: content.updateFields ? { updateFields: true } : undefined,
    sections: [{ ...pageFrame(ctx, labels), children: content.children }],
  });
}
