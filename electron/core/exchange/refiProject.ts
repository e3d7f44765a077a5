import type { Code, Dialogue } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import type { Student } from '../../../shared/schemas';
import { guidFor } from './guid';
import { sourceText } from './plainText';
import { XmlWriter } from './xmlWriter';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export interface ProjectInput {
  /** "Loopbaandialoog <version>": the Project's name and origin. */
  origin: string;
  language: Language;
  now: Date;
  /** Codes with names in the export's language. */
  codes: Code[];
  students: { student: Student; dialogues: Dialogue[] }[];
  includePrivate: boolean;
}

export interface ProjectFiles {
  qde: string;
  /** `Sources/<guid>.txt` bodies, in the order the project lists them. */
  sources: { guid: string; text: string }[];
}

// Variable names as a researcher reads them in the QDA tool, in the mentor's language.
const VARIABLES: Record<'schoolType' | 'programme' | 'cohort', Record<Language, string>> = {
  schoolType: { nl: 'Schooltype', en: 'School type' },
  programme: { nl: 'Opleiding', en: 'Programme' },
  cohort: { nl: 'Cohort', en: 'Cohort' },
};
const VARIABLE_KEYS = ['schoolType', 'programme', 'cohort'] as const;
const MEMO: Record<Language, string> = { nl: 'Memo', en: 'Memo' };

/** Codes as a tree; a parent that is missing (or a loop) makes a code top-level rather than lost. */
function codeTree(codes: Code[]): { roots: Code[]; children: Map<string, Code[]> } {
  const byId = new Map(codes.map((code) => [code.id, code]));
  const reachesRoot = (code: Code): boolean => {
    const seen = new Set<string>();
    let current: Code | undefined = code;
    while (current?.parentId) {
      if (seen.has(current.id)) return false;
      seen.add(current.id);
      current = byId.get(current.parentId);
      if (!current) return false;
    }
    return true;
  };
  const roots: Code[] = [];
  const children = new Map<string, Code[]>();
  const sorted = [...codes].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const code of sorted) {
    if (code.parentId && byId.has(code.parentId) && reachesRoot(code)) {
      children.set(code.parentId, [...(children.get(code.parentId) ?? []), code]);
    } else {
      roots.push(code);
    }
  }
  return { roots, children };
}

/** `#RRGGBB` in upper case; the XSD allows either, upper case is what most tools write. */
function colour(code: Code): string | undefined {
  return /^#[0-9A-Fa-f]{6}$/.test(code.color) ? code.color.toUpperCase() : undefined;
}

/** The nested Code elements; the same for the project's CodeBook and a .qdc file. */
export function writeCodes(xml: XmlWriter, codes: Code[]): void {
  const { roots, children } = codeTree(codes);
  const write = (code: Code) => {
    const attributes = { guid: guidFor('code', code.id), name: code.name, isCodable: true, color: colour(code) };
    const below = children.get(code.id) ?? [];
    if (below.length === 0) {
      xml.empty('Code', attributes);
      return;
    }
    xml.open('Code', attributes);
    below.forEach(write);
    xml.close('Code');
  };
  xml.open('Codes');
  roots.forEach(write);
  xml.close('Codes');
}

/** A `.qdc` codebook (REFI-QDA codebook exchange). */
export function buildCodebook(codes: Code[], origin: string): string {
  const xml = new XmlWriter();
  xml.open('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin });
  writeCodes(xml, codes);
  xml.close('CodeBook');
  return xml.toString();
}

function sourceName(student: Student, dialogue: Dialogue): string {
  const title = dialogue.title.trim() || dialogue.template.name;
  return `${student.displayName} – ${dialogue.heldOn} – ${title}`;
}

interface Note { guid: string; name: string; text: string }

/** `project.qde` and the plain text of every source (REFI-QDA project exchange). */
export function buildProject(input: ProjectInput): ProjectFiles {
  const { language } = input;
  const xml = new XmlWriter();
  const sources: ProjectFiles['sources'] = [];
  const notes: Note[] = [];
  const noted = new Set<string>();
  const codeIds = new Set(input.codes.map((code) => code.id));
  xml.open('Project', {
    xmlns: PROJECT_NAMESPACE,
    name: input.origin,
    origin: input.origin,
    creationDateTime: input.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });

  if (input.codes.length > 0) {
    xml.open('CodeBook');
    writeCodes(xml, input.codes);
    xml.close('CodeBook');
  }

  const students = input.students;
  if (students.length > 0) {
    xml.open('Variables');
    for (const key of VARIABLE_KEYS) xml.empty('Variable', { guid: guidFor('variable', key), name: VARIABLES[key][language], typeOfVariable: 'Text' });
    xml.close('Variables');

    xml.open('Cases');
    for (const { student, dialogues } of students) {
      xml.open('Case', { guid: guidFor('case', student.id), name: student.displayName });
      for (const key of VARIABLE_KEYS) {
        const value = student[key].trim();
        // An empty programme or cohort is unknown, not a value: no VariableValue at all.
        if (!value) continue;
        xml.open('VariableValue');
        xml.empty('VariableRef', { targetGUID: guidFor('variable', key) });
        xml.text('TextValue', value);
        xml.close('VariableValue');
      }
      for (const dialogue of dialogues) xml.empty('SourceRef', { targetGUID: guidFor('source', dialogue.id) });
      xml.close('Case');
    }
    xml.close('Cases');
  }

  const withDialogues = students.filter(({ dialogues }) => dialogues.length > 0);
  if (withDialogues.length > 0) {
    xml.open('Sources');
    for (const { student, dialogues } of withDialogues) {
      for (const dialogue of dialogues) {
        const guid = guidFor('source', dialogue.id);
        const { text, fragments } = sourceText(dialogue, input.includePrivate);
        sources.push({ guid, text });
        const annotations = new Map(dialogue.annotations.map((annotation) => [annotation.id, annotation]));
        xml.open('TextSource', { guid, name: sourceName(student, dialogue), plainTextPath: `internal://${guid}.txt` });
        for (const fragment of fragments) {
          const annotation = annotations.get(fragment.annotationId);
          // Marks without an annotation row, or with a code that is gone, are nothing to code.
          if (!annotation || !codeIds.has(annotation.codeId)) continue;
          const selection = guidFor('selection', annotation.id, fragment.part);
          xml.open('PlainTextSelection', { guid: selection, startPosition: fragment.start, endPosition: fragment.end });
          xml.open('Coding', { guid: guidFor('coding', annotation.id, fragment.part) });
          xml.empty('CodeRef', { targetGUID: guidFor('code', annotation.codeId) });
          xml.close('Coding');
          if (annotation.memo.trim()) {
            // One Note per passage, referenced from each of its parts.
            const note = guidFor('note', annotation.id);
            if (!noted.has(note)) {
              noted.add(note);
              notes.push({ guid: note, name: MEMO[language], text: annotation.memo });
            }
            xml.empty('NoteRef', { targetGUID: note });
          }
          xml.close('PlainTextSelection');
        }
        xml.close('TextSource');
      }
    }
    xml.close('Sources');
  }

  if (notes.length > 0) {
    xml.open('Notes');
    for (const note of notes) {
      // The XSD: either PlainTextContent or plainTextPath, not both; a memo is short, so inline.
      xml.open('Note', { guid: note.guid, name: note.name });
      xml.text('PlainTextContent', note.text);
      xml.close('Note');
    }
    xml.close('Notes');
  }
  xml.close('Project');
  return { qde: xml.toString(), sources };
}
