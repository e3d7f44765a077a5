import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../../shared/errors';
import type { RefiSkipReason, RefiSkipped } from '../../../shared/exchangeSchemas';
import { readDocxLines } from '../import/docxParagraphs';
import { openZip, type ZipArchive } from '../import/zipEntry';
import { codePointLength } from './plainText';
import { codePointUnits } from './textDoc';
import { MAX_CODE_NAME, MAX_MEMO, MAX_NAME, REFI_LIMITS } from './refiLimits';
import { NAME_MAX, NAME_SAMPLE, selectionReading } from './selectionReading';

/**
 * Reads a REFI-QDA file made by any QDA tool (QualCoder, ATLAS.ti, MAXQDA, NVivo, this app):
 * a `.qdpx` project (a zip with a `.qde` and its sources) or a `.qdc` codebook. Pure and
 * untrusted-input safe; it runs in the `qdpxParse` job. Nothing here knows the vault: the host
 * maps the result onto students, dialogues and codes.
 *
 * Lenient where real files differ from the standard: the `.qde` may have any name, `sources/`
 * may be in any case, elements may carry a prefix or no namespace, colours may be missing, a
 * memo may be a selection's `Description` instead of a Note, and a source may have only its
 * Word document (`richTextPath`) beside no plain text. Strict where safety needs it: a DOCTYPE is
 * refused (no DTD processing, so no entity expansion), every size and count is bounded.
 */

export interface ParsedCode { guid: string; name: string; color: string | null; parentGuid: string | null }
/** One tag to make: a code on one or more ranges of the source's text (code points, end exclusive). */
export interface ParsedAnnotation { codeGuid: string; ranges: [number, number][]; memo: string }
export interface ParsedSource { guid: string; name: string; createdOn: string | null; text: string; annotations: ParsedAnnotation[] }
export interface ParsedCase { guid: string; name: string; sourceGuids: string[]; variables: { name: string; value: string }[] }

export interface ParsedRefi {
  kind: 'project' | 'codebook';
  name: string;
  origin: string;
  codes: ParsedCode[];
  sources: ParsedSource[];
  cases: ParsedCase[];
  skipped: RefiSkipped[];
}

/** `name` is the selection's own name; QualCoder (and others) write the coded words there. */
interface RawSelection { start: number; end: number; name: string; codeGuids: string[]; noteGuids: string[]; description: string }
interface RawSource {
  guid: string; name: string; createdOn: string | null; plainTextPath: string | null; richTextPath: string | null;
  content: string | null; selections: RawSelection[];
  /** Notes the source itself refers to (NoteRef directly under the TextSource). */
  noteGuids: string[];
}
/** `range`: a note's own PlainTextSelection; QualCoder puts there where in its source an annotation lies. */
interface RawNote { guid: string; text: string | null; plainTextPath: string | null; description: string; range: [number, number] | null }

const TEXT_SOURCE = 'TextSource';
const OTHER_SOURCES = new Set(['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource']);

function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Names as one line, trimmed and cut to the app's length. */
function cleanName(value: string | undefined, max: number): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

function colourOf(value: string | undefined): string | null {
  if (!value) return null;
  const match = /^#?([0-9A-Fa-f]{6})$/.exec(value.trim());
  return match ? `#${match[1]!.toUpperCase()}` : null;
}

function dayOf(value: string | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? match[0] : null;
}

function position(value: string | undefined): number {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return Number.NaN;
  return Number(value);
}

/** UTF-8 (with or without BOM), or UTF-16 with its BOM; text files from Windows tools vary. */
export function decodeBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

class Counter {
  private readonly counts = new Map<RefiSkipReason, number>();
  add(reason: RefiSkipReason, count = 1): void {
    if (count > 0) this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }
  list(): RefiSkipped[] {
    return [...this.counts].map(([reason, count]) => ({ reason, count }));
  }
}

interface XmlResult {
  kind: 'project' | 'codebook';
  name: string;
  origin: string;
  codes: ParsedCode[];
  sources: RawSource[];
  cases: ParsedCase[];
  notes: Map<string, RawNote>;
}

function tooMany(): AppError {
  return new AppError('REFI_TOO_MANY');
}

/** The project or codebook XML, in one streaming pass. */
function readXml(xml: string, skipped: Counter): XmlResult {
  const result: XmlResult = { kind: 'project', name: '', origin: '', codes: [], sources: [], cases: [], notes: new Map() };
  const stack: string[] = [];
  const codeStack: (string | null)[] = [];
  const variableNames = new Map<string, string>();
  const caseVariables: { caseIndex: number; variableGuid: string; value: string }[] = [];
  let source: RawSource | null = null;
  let otherSource = 0;
  let selection: RawSelection | null = null;
  let currentCase: ParsedCase | null = null;
  let variableValue: { guid: string; value: string } | null = null;
  let note: RawNote | null = null;
  let collecting: { parts: string[]; done: (text: string) => void } | null = null;
  let selections = 0;
  let rootSeen = false;

  const parent = (depth = 1) => stack[stack.length - 1 - depth];
  const parser = new SaxesParser({ xmlns: false });

  parser.on('doctype', () => {
    throw new AppError('REFI_DTD');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    stack.push(name);
    if (stack.length > REFI_LIMITS.maxDepth) throw tooMany();
    if (!rootSeen) {
      rootSeen = true;
      if (name === 'CodeBook') result.kind = 'codebook';
      else if (name !== 'Project') throw new AppError('REFI_XML_INVALID');
      result.name = cleanName(attributes.name, MAX_NAME);
      result.origin = cleanName(attributes.origin, MAX_NAME);
      return;
    }
    const up = parent();
    switch (name) {
      case 'Code': {
        if (up !== 'Codes' && up !== 'Code') break;
        if (result.codes.length >= REFI_LIMITS.maxCodes) throw tooMany();
        const guid = cleanName(attributes.guid, 64).toLowerCase();
        const codeName = cleanName(attributes.name, MAX_CODE_NAME);
        if (!guid || !codeName) {
          skipped.add('codeWithoutName');
          // Children of a nameless code hang where it would have hung.
          codeStack.push(codeStack[codeStack.length - 1] ?? null);
          break;
        }
        result.codes.push({ guid, name: codeName, color: colourOf(attributes.color), parentGuid: codeStack[codeStack.length - 1] ?? null });
        codeStack.push(guid);
        break;
      }
      case 'Variable':
        if (up === 'Variables' && attributes.guid) variableNames.set(attributes.guid.toLowerCase(), cleanName(attributes.name, MAX_NAME));
        break;
      case 'Case':
        if (up !== 'Cases') break;
        if (result.cases.length >= REFI_LIMITS.maxCases) throw tooMany();
        currentCase = { guid: cleanName(attributes.guid, 64).toLowerCase(), name: cleanName(attributes.name, MAX_NAME), sourceGuids: [], variables: [] };
        result.cases.push(currentCase);
        break;
      case 'SourceRef':
        if (currentCase && up === 'Case' && attributes.targetGUID) currentCase.sourceGuids.push(attributes.targetGUID.toLowerCase());
        break;
      case 'VariableValue':
        if (currentCase) variableValue = { guid: '', value: '' };
        break;
      case 'VariableRef':
        if (variableValue && attributes.targetGUID) variableValue.guid = attributes.targetGUID.toLowerCase();
        break;
      case 'TextValue': case 'BooleanValue': case 'IntegerValue': case 'FloatValue': case 'DateValue': case 'DateTimeValue':
        if (variableValue) {
          const target = variableValue;
          collecting = { parts: [], done: (text) => { target.value = text; } };
        }
        break;
      case TEXT_SOURCE:
        if (up !== 'Sources' || source || otherSource) break;
        if (result.sources.length >= REFI_LIMITS.maxSources) throw tooMany();
        source = {
          guid: cleanName(attributes.guid, 64).toLowerCase(), name: cleanName(attributes.name, MAX_NAME),
          createdOn: dayOf(attributes.creationDateTime), plainTextPath: attributes.plainTextPath ?? null,
          richTextPath: attributes.richTextPath ?? null, content: null, selections: [], noteGuids: [],
        };
        break;
      case 'PlainTextSelection': {
        if (note && up === 'Note') {
          const start = position(attributes.startPosition);
          const end = position(attributes.endPosition);
          if (!note.range && Number.isSafeInteger(start) && Number.isSafeInteger(end)) note.range = [start, end];
          break;
        }
        if (otherSource) {
          skipped.add('selectionOnSkippedSource');
          break;
        }
        if (!source || up !== TEXT_SOURCE) break;
        if (++selections > REFI_LIMITS.maxSelections) throw tooMany();
        // Names only where selectionReading compares them: bounded memory for any file.
        const kept = attributes.name !== undefined && attributes.name.length <= NAME_MAX && source.selections.length < NAME_SAMPLE;
        selection = {
          start: position(attributes.startPosition), end: position(attributes.endPosition), name: kept ? attributes.name! : '',
          codeGuids: [], noteGuids: [], description: '',
        };
        source.selections.push(selection);
        break;
      }
      case 'CodeRef':
        if (selection && up === 'Coding' && attributes.targetGUID) selection.codeGuids.push(attributes.targetGUID.toLowerCase());
        break;
      case 'NoteRef': {
        const target = attributes.targetGUID?.toLowerCase();
        if (!target) break;
        if (selection && up === 'PlainTextSelection') selection.noteGuids.push(target);
        else if (source && up === TEXT_SOURCE && source.noteGuids.length < REFI_LIMITS.maxNotes) source.noteGuids.push(target);
        break;
      }
      case 'PlainTextContent':
        if (source && !selection && up === TEXT_SOURCE) {
          const target = source;
          collecting = { parts: [], done: (text) => { target.content = text; } };
        } else if (note && up === 'Note') {
          const target = note;
          collecting = { parts: [], done: (text) => { target.text = text; } };
        }
        break;
      case 'Description':
        if (selection && up === 'PlainTextSelection') {
          const target = selection;
          collecting = { parts: [], done: (text) => { target.description = text; } };
        } else if (note && up === 'Note') {
          const target = note;
          collecting = { parts: [], done: (text) => { target.description = text; } };
        } else if ((source && up === TEXT_SOURCE) || (currentCase && up === 'Case') || up === 'Code' || (up === 'Project' && stack.length === 2)) {
          // Memos the app has no field for; counted, so the preview says they stay behind.
          collecting = { parts: [], done: (text) => { if (text.trim()) skipped.add('descriptionNotKept'); } };
        }
        break;
      case 'Note':
        if (up !== 'Notes') break;
        if (result.notes.size >= REFI_LIMITS.maxNotes) throw tooMany();
        note = { guid: cleanName(attributes.guid, 64).toLowerCase(), text: null, plainTextPath: attributes.plainTextPath ?? null, description: '', range: null };
        if (note.guid) result.notes.set(note.guid, note);
        break;
      default:
        if (OTHER_SOURCES.has(name) && up === 'Sources') {
          otherSource += 1;
          skipped.add('unsupportedSource');
        } else if (otherSource && name.endsWith('Selection')) {
          skipped.add('selectionOnSkippedSource');
        }
    }
  });
  parser.on('text', (text) => {
    collecting?.parts.push(text);
  });
  parser.on('cdata', (text) => {
    collecting?.parts.push(text);
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    stack.pop();
    if (collecting && ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue', 'PlainTextContent', 'Description'].includes(name)) {
      collecting.done(collecting.parts.join(''));
      collecting = null;
    }
    switch (name) {
      case 'Code': if (codeStack.length > 0 && (parent(0) === 'Codes' || parent(0) === 'Code')) codeStack.pop(); break;
      case 'VariableValue':
        if (variableValue && currentCase && variableValue.guid) {
          caseVariables.push({ caseIndex: result.cases.length - 1, variableGuid: variableValue.guid, value: cleanName(variableValue.value, MAX_NAME) });
        }
        variableValue = null;
        break;
      case 'Case': currentCase = null; break;
      case 'PlainTextSelection': if (parent(0) === TEXT_SOURCE) selection = null; break;
      case TEXT_SOURCE:
        if (source && parent(0) === 'Sources') {
          result.sources.push(source);
          source = null;
        }
        break;
      case 'Note': if (parent(0) === 'Notes') note = null; break;
      default: if (OTHER_SOURCES.has(name) && parent(0) === 'Sources') otherSource -= 1;
    }
  });
  try {
    parser.write(xml).close();
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('REFI_XML_INVALID', undefined, { cause });
  }
  if (!rootSeen) throw new AppError('REFI_XML_INVALID');
  for (const { caseIndex, variableGuid, value } of caseVariables) {
    const variable = variableNames.get(variableGuid);
    if (variable && value) result.cases[caseIndex]!.variables.push({ name: variable, value });
  }
  return result;
}

/** The entry an `internal://` path names, relative to the folder of the .qde, `sources/` in any case. */
function internalEntry(archive: ZipArchive | null, base: string, path: string | null): Buffer | null {
  if (!archive || !path) return null;
  const match = /^internal:\/\/(.+)$/i.exec(path.trim());
  if (!match) return null;
  const name = match[1]!.replace(/^\/+/, '');
  return archive.read(`${base}sources/${name}`) ?? archive.read(`${base}${name}`);
}

function sourceText(archive: ZipArchive | null, base: string, source: RawSource): string | null {
  if (source.content !== null) return source.content;
  const plain = internalEntry(archive, base, source.plainTextPath);
  if (plain) return decodeBytes(plain);
  if (source.richTextPath && /\.docx$/i.test(source.richTextPath)) {
    const docx = internalEntry(archive, base, source.richTextPath);
    if (!docx) return null;
    try {
      return readDocxLines(docx).join('\n');
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  }
  return null;
}

function noteText(archive: ZipArchive | null, base: string, note: RawNote): string {
  if (note.text !== null && note.text.trim()) return note.text;
  const file = internalEntry(archive, base, note.plainTextPath);
  if (file) return decodeBytes(file);
  return note.description;
}

/** Sources with their text and the tags to make; every selection is checked against its text. */
function resolve(xml: XmlResult, archive: ZipArchive | null, base: string, skipped: Counter): ParsedRefi {
  const codeGuids = new Set(xml.codes.map((code) => code.guid));
  const usedNotes = new Set<string>();
  const noteCache = new Map<string, string>();
  const textOfNote = (guid: string, found: RawNote): string => {
    let text = noteCache.get(guid);
    if (text === undefined) {
      text = noteText(archive, base, found).trim();
      noteCache.set(guid, text);
    }
    return text;
  };
  const bounded = (memo: string): string => {
    if (memo.length <= MAX_MEMO) return memo;
    skipped.add('memoShortened');
    return memo.slice(0, MAX_MEMO);
  };
  const memoOf = (noteGuids: string[], description: string): string => {
    const texts: string[] = [];
    for (const guid of new Set(noteGuids)) {
      const found = xml.notes.get(guid);
      if (!found) continue;
      usedNotes.add(guid);
      const text = textOfNote(guid, found);
      if (text) texts.push(text);
    }
    return bounded(texts.length > 0 ? texts.join('\n\n') : description.trim());
  };

  const sources: ParsedSource[] = [];
  for (const raw of xml.sources) {
    const fileText = sourceText(archive, base, raw);
    if (fileText === null) {
      skipped.add('sourceTextMissing');
      skipped.add('selectionOnSkippedSource', raw.selections.length);
      continue;
    }
    // Positions as the tool that wrote them counted (see selectionReading), as code points of `text`.
    const reading = selectionReading(fileText, raw.selections);
    const text = reading.text;
    const sourceNotes = [...new Set(raw.noteGuids)].flatMap((guid) => {
      const found = xml.notes.get(guid);
      return found?.range ? [{ guid, note: found, range: found.range }] : [];
    });
    const points = reading.codePoints([...raw.selections.flatMap((selection) => [selection.start, selection.end]), ...sourceNotes.flatMap((entry) => entry.range)]);
    const at = (value: number) => points.get(value) ?? Number.NaN;
    const length = codePointLength(text);
    const units = codePointUnits(text, points.values());
    // Selections of one code that share a note are one passage in parts (this app exports a
    // passage over two paragraphs that way; a QDA tool's memo on two quotations is one memo).
    const grouped = new Map<string, ParsedAnnotation>();
    const annotations: ParsedAnnotation[] = [];
    for (const selection of raw.selections) {
      const [start, end] = [at(selection.start), at(selection.end)];
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > length || start >= end) {
        skipped.add('offsetsBeyondText');
        continue;
      }
      const known: string[] = [];
      for (const guid of selection.codeGuids) {
        if (!codeGuids.has(guid)) skipped.add('unknownCodeRef');
        else if (known.includes(guid)) skipped.add('duplicateCoding');
        else known.push(guid);
      }
      if (known.length === 0) {
        skipped.add('uncodedSelection');
        continue;
      }
      if (text.slice(units.get(start), units.get(end)).trim() === '') {
        skipped.add('emptySelection');
        continue;
      }
      const memo = memoOf(selection.noteGuids, selection.description);
      const noteKey = [...new Set(selection.noteGuids)].filter((guid) => xml.notes.has(guid)).sort().join(',');
      for (const codeGuid of known) {
        const key = noteKey ? `${codeGuid}|${noteKey}` : null;
        const existing = key ? grouped.get(key) : undefined;
        if (existing) {
          existing.ranges.push([start, end]);
          continue;
        }
        const annotation: ParsedAnnotation = { codeGuid, ranges: [[start, end]], memo };
        annotations.push(annotation);
        if (key) grouped.set(key, annotation);
      }
    }
    // A note the source refers to with a range of its words (QualCoder's annotation) is the
    // memo of the smallest tag that holds those words; a note on words no tag holds has no
    // place in a dialogue and is reported as unattached.
    for (const { guid, note, range } of sourceNotes) {
      if (usedNotes.has(guid)) continue;
      const [start, end] = [at(range[0]), at(range[1])];
      if (!(start < end)) continue;
      let holder: ParsedAnnotation | null = null;
      let holderLength = Number.POSITIVE_INFINITY;
      for (const annotation of annotations) {
        for (const [from, to] of annotation.ranges) {
          if (from <= start && end <= to && to - from < holderLength) [holder, holderLength] = [annotation, to - from];
        }
      }
      const memo = textOfNote(guid, note);
      if (!holder || !memo) continue;
      usedNotes.add(guid);
      holder.memo = bounded(holder.memo ? `${holder.memo}\n\n${memo}` : memo);
    }
    sources.push({ guid: raw.guid, name: raw.name, createdOn: raw.createdOn, text, annotations });
  }
  skipped.add('unattachedNote', [...xml.notes.keys()].filter((guid) => !usedNotes.has(guid)).length);
  return { kind: xml.kind, name: xml.name, origin: xml.origin, codes: xml.codes, sources, cases: xml.cases, skipped: skipped.list() };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const BARE_AMPERSAND = /&(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9A-Fa-f]+;)/g;
const CONTENT_OPEN = /<([\w.-]+:)?PlainTextContent>/g;

/**
 * QualCoder (refi.py, create_annotation_note_xml) writes an annotation's memo into
 * PlainTextContent unescaped, so one "&" or "<" in a memo makes the whole project malformed.
 * Escapes them inside PlainTextContent only; used only after a strict parse failed, so a valid
 * file is never changed. One pass, linear: an element without its end stops the repair.
 */
export function escapeTextContent(xml: string): string {
  const parts: string[] = [];
  let copied = 0;
  CONTENT_OPEN.lastIndex = 0;
  for (let open = CONTENT_OPEN.exec(xml); open; open = CONTENT_OPEN.exec(xml)) {
    const start = open.index + open[0].length;
    const end = xml.indexOf(`</${open[1] ?? ''}PlainTextContent>`, start);
    if (end === -1) break;
    parts.push(xml.slice(copied, start), xml.slice(start, end).replace(BARE_AMPERSAND, '&amp;').replace(/</g, '&lt;'));
    copied = end;
    CONTENT_OPEN.lastIndex = end;
  }
  parts.push(xml.slice(copied));
  return parts.join('');
}

/** The XML strictly; if it is malformed, once more with the known unescaped memo text repaired. */
function readXmlLenient(xml: string): { result: XmlResult; skipped: Counter } {
  const skipped = new Counter();
  try {
    return { result: readXml(xml, skipped), skipped };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'REFI_XML_INVALID') throw error;
    const repaired = escapeTextContent(xml);
    if (repaired === xml) throw error;
    const again = new Counter();
    return { result: readXml(repaired, again), skipped: again };
  }
}

/** The one .qde: at the root when there is one (any name, `project.qde` preferred), else the only one anywhere. */
function findQde(names: readonly string[]): string | null {
  const qdes = names.filter((name) => /\.qde$/i.test(name) && !name.startsWith('__MACOSX/'));
  const root = qdes.filter((name) => !name.includes('/'));
  if (root.length > 0) return root.find((name) => name.toLowerCase() === 'project.qde') ?? [...root].sort()[0]!;
  return qdes.length === 1 ? qdes[0]! : null;
}

function mapZipError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'FILE_UNPACKED_TOO_LARGE') return new AppError('REFI_UNPACKED_TOO_LARGE');
  if (error.code === 'FILE_UNREADABLE') return new AppError('REFI_NOT_A_PROJECT');
  return error;
}

/** A .qdpx (zip) or a bare .qde / .qdc (XML), told apart by its bytes rather than its name. */
export function parseRefi(bytes: Buffer): ParsedRefi {
  if (bytes.length > REFI_LIMITS.maxFileBytes) throw new AppError('REFI_FILE_TOO_LARGE');
  if (bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    try {
      const archive = openZip(bytes, { maxBytes: REFI_LIMITS.maxEntryBytes, maxTotalBytes: REFI_LIMITS.maxTotalBytes });
      const qde = findQde(archive.names);
      if (!qde) throw new AppError('REFI_NO_PROJECT_FILE');
      const base = qde.includes('/') ? qde.slice(0, qde.lastIndexOf('/') + 1) : '';
      const { result, skipped } = readXmlLenient(decodeBytes(archive.read(qde)!));
      return resolve(result, archive, base, skipped);
    } catch (error) {
      throw mapZipError(error);
    }
  }
  if (bytes.length > REFI_LIMITS.maxEntryBytes) throw new AppError('REFI_UNPACKED_TOO_LARGE');
  const text = decodeBytes(bytes);
  if (!/^\s*</.test(text)) throw new AppError('REFI_NOT_A_PROJECT');
  const { result, skipped } = readXmlLenient(text);
  return resolve(result, null, '', skipped);
}
