import type { Action, Code, Dialogue } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import type { Logo, PortfolioSections } from '../../../shared/exportSchemas';
import type { Student } from '../../../shared/schemas';

/**
 * What the Word builders take: plain data gathered by the export service, so building a document
 * is a pure function of its input (same input and clock, same bytes).
 */
export interface ExportContext {
  language: Language;
  /** The moment written into the document; fixed in tests. */
  now: Date;
  school: { name: string; logo: Logo | null };
  /** Author in the document properties: the student's mentor, or empty. */
  author: string;
}

export interface DialogueSummaryInput {
  student: Student;
  /** Template sections already in the UI language. */
  dialogue: Dialogue;
  codes: Code[];
}

export interface DialogueSummaryOptions {
  includePrivate: boolean;
  tagsAsComments: boolean;
  /** The conversation mirror as a section (off unless ticked; only in this document). */
  includeMirror?: boolean;
}

export interface PortfolioInput {
  student: Student;
  from: string;
  to: string;
  /** The chosen dialogues held in the period, oldest first, complete (content, annotations, amendments). */
  dialogues: Dialogue[];
  codes: Code[];
  /** All of the student's agreements; the portfolio shows open and done ones. */
  actions: Action[];
}

export interface PortfolioOptions {
  includePrivate: boolean;
  /** Which kinds of text go in; absent: activities and reflections (the defaults). */
  sections?: PortfolioSections;
}
