import { randomBytes } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { RequestOut } from '../../../shared/contract';
import { CLASS_LIST_LIMITS, type ClassListImportResult, type ClassListPlan, type ClassListPreview } from '../../../shared/classListSchemas';
import type { SchoolType } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { StudentFields } from '../../../shared/schemas';
import type { HandlerContext } from '../handlers/context';
import { transact } from '../handlers/transact';
import { type JobLimits, runLimitedJob } from '../jobs/limitedJob';
import type { Services } from '../services';
import { suggestMapping } from './headers';
import type { ParsedClassList } from './parseClassList';
import { planRows, summarise, type PlannedRow, type StudentValues } from './plan';

/**
 * Class list import (issue 16 part 3): pick a file (the open dialog is main's), parse it in a
 * limited job, keep the rows in this process's memory under a token, show what a mapping would
 * do, and import only on confirmation, in one transaction with one audit event (counts only).
 */

/** 10,000 rows of CSV parse in well under a second; a crafted .xlsx is stopped within these. */
export const CLASS_LIST_JOB_LIMITS: JobLimits = { maxHeapMb: 256, deadlineMs: 20_000 };
/** Parsed lists kept at once, and for how long: a preview left open over lunch has to be chosen again. */
const MAX_KEPT = 3;
const KEEP_MS = 30 * 60 * 1000;

interface Kept {
  parsed: ParsedClassList;
  fileName: string;
  /** An .xlsx's bytes, so another sheet can be read without asking for the file again. */
  bytes: Buffer | null;
  expiresAt: number;
}

/**
 * Per unlocked session: a lock drops the Services object and with it every parsed list, so rows
 * read while unlocked never outlive the session, and nothing of them is ever written to disk.
 */
const kept = new WeakMap<Services, Map<string, Kept>>();

function store(services: Services): Map<string, Kept> {
  let map = kept.get(services);
  if (!map) {
    map = new Map();
    kept.set(services, map);
  }
  return map;
}

function keep(services: Services, entry: Kept, now: number): string {
  const map = store(services);
  for (const [token, old] of map) if (old.expiresAt <= now) map.delete(token);
  while (map.size >= MAX_KEPT) map.delete(map.keys().next().value!);
  const token = randomBytes(16).toString('hex');
  map.set(token, entry);
  return token;
}

function take(services: Services, token: string, now: number): Kept {
  const entry = store(services).get(token);
  if (!entry || entry.expiresAt <= now) {
    store(services).delete(token);
    throw new AppError('CLASS_LIST_EXPIRED');
  }
  return entry;
}

/**
 * The file's bytes, bounded before they are read (the size of the open file, then at most one
 * byte more than the bound, in case it grows meanwhile); the path came from the open dialog.
 */
async function readChosen(path: string): Promise<Buffer> {
  if (!isAbsolute(path)) throw new AppError('CLASS_LIST_NOT_CHOSEN');
  const tooLarge = () => new AppError('CLASS_LIST_TOO_LARGE', { maxMb: CLASS_LIST_LIMITS.maxBytes / 1024 / 1024 });
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new AppError('CLASS_LIST_UNREADABLE', undefined, { cause });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('CLASS_LIST_UNREADABLE');
    if (stat.size > CLASS_LIST_LIMITS.maxBytes) throw tooLarge();
    if (stat.size === 0) throw new AppError('CLASS_LIST_EMPTY');
    const buffer = Buffer.alloc(CLASS_LIST_LIMITS.maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > CLASS_LIST_LIMITS.maxBytes) throw tooLarge();
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('CLASS_LIST_UNREADABLE', undefined, { cause: error });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export function parseClassListInJob(fileName: string, bytes: Buffer, limits: JobLimits = CLASS_LIST_JOB_LIMITS, sheet: string | null = null): Promise<ParsedClassList> {
  if (bytes.length > CLASS_LIST_LIMITS.maxBytes) return Promise.reject(new AppError('CLASS_LIST_TOO_LARGE', { maxMb: CLASS_LIST_LIMITS.maxBytes / 1024 / 1024 }));
  return runLimitedJob<ParsedClassList>('classListParse', { fileName, bytes, sheet }, limits);
}

/** The school type most students in the vault have, so a list without programmes fits in. */
function usualSchoolType(services: Services): SchoolType {
  const counts = new Map<SchoolType, number>();
  for (const student of services.students.list(false)) counts.set(student.schoolType, (counts.get(student.schoolType) ?? 0) + 1);
  let best: SchoolType = 'havo';
  for (const [type, count] of counts) if (count > (counts.get(best) ?? 0)) best = type;
  return best;
}

function planFor(services: Services, parsed: ParsedClassList, mapping: RequestOut<'classList:plan'>['mapping'], defaultSchoolType: SchoolType): PlannedRow[] {
  return planRows(parsed, mapping, defaultSchoolType, services.students.list(true));
}

/** The preview of a parsed list under `token`: the suggested mapping and what it would do. */
function previewOf(services: Services, token: string, fileName: string, parsed: ParsedClassList): ClassListPreview {
  const mapping = suggestMapping(parsed.header);
  const defaultSchoolType = usualSchoolType(services);
  // A list whose headers name no name column still gets a preview: the mentor maps it there.
  let plan: ClassListPlan;
  try {
    plan = summarise(planFor(services, parsed, mapping, defaultSchoolType));
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CLASS_LIST_NO_NAME_COLUMN')) throw error;
    plan = { counts: { rows: parsed.rows.length + parsed.skipped.length, new: 0, duplicates: 0, skipped: 0 }, previewRows: [], skipped: [] };
  }
  return {
    token,
    fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    headerRow: parsed.headerRow,
    sheets: parsed.sheets,
    sheet: parsed.sheet,
    sheetsOmitted: parsed.sheetsOmitted,
    columns: parsed.header.map((header, index) => ({ index, header: header.slice(0, 100), suggested: mapping[index]! })),
    unknownHeaders: parsed.header.filter((header, index) => header !== '' && mapping[index] === 'ignore').map((header) => header.slice(0, 100)),
    defaultSchoolType,
    plan,
  };
}

/** Asks for a file, parses it and shows what the suggested mapping would do; null when cancelled. */
export async function pickClassList(ctx: HandlerContext): Promise<ClassListPreview | null> {
  ctx.services();
  const picker = ctx.openFilePicker;
  if (!picker) throw new AppError('CLASS_LIST_NOT_CHOSEN');
  const path = await picker.choose('classList');
  if (path === null) return null;
  const bytes = await readChosen(path);
  const fileName = basename(path);
  const parsed = await parseClassListInJob(fileName, bytes);
  // The dialog and the parse took a while: the vault may have locked meanwhile.
  const services = ctx.services();
  const token = keep(services, { parsed, fileName, bytes: parsed.format === 'xlsx' ? bytes : null, expiresAt: ctx.now() + KEEP_MS }, ctx.now());
  return previewOf(services, token, fileName, parsed);
}

/**
 * Another sheet of the picked workbook, parsed again in the same limited job from the bytes kept
 * under the token (never read from disk again: the file may have changed since it was previewed).
 * A refused sheet (empty, too many rows) leaves the token on the sheet it had.
 */
export async function chooseClassListSheet(ctx: HandlerContext, request: RequestOut<'classList:sheet'>): Promise<ClassListPreview> {
  const entry = take(ctx.services(), request.token, ctx.now());
  if (!entry.bytes) throw new AppError('CLASS_LIST_UNREADABLE');
  const parsed = await parseClassListInJob(entry.fileName, entry.bytes, CLASS_LIST_JOB_LIMITS, request.sheet);
  const services = ctx.services();
  // Discarded or imported while the sheet was read: nothing to show it for.
  const current = take(services, request.token, ctx.now());
  current.parsed = parsed;
  return previewOf(services, request.token, current.fileName, parsed);
}

export function planClassList(ctx: HandlerContext, request: RequestOut<'classList:plan'>): ClassListPlan {
  const services = ctx.services();
  const { parsed } = take(services, request.token, ctx.now());
  return summarise(planFor(services, parsed, request.mapping, request.defaultSchoolType));
}

function fieldsOf(values: StudentValues): StudentFields {
  return {
    displayName: values.displayName, schoolType: values.schoolType, programme: values.programme, cohort: values.cohort,
    mentor: values.mentor, leavingDate: null, studentNumber: values.studentNumber,
  };
}

/** A duplicate brought up to date: what the file says, where it says anything; the rest stays. */
function updatedFields(existing: PlannedRow & { outcome: 'duplicate' }): StudentFields {
  const { values, existing: student } = existing;
  return {
    displayName: values.displayName,
    schoolType: values.schoolTypeFromFile ? values.schoolType : student.schoolType,
    programme: values.programme || student.programme,
    cohort: values.cohort || student.cohort,
    mentor: values.mentor || student.mentor,
    leavingDate: student.leavingDate,
    studentNumber: values.studentNumber ?? student.studentNumber,
  };
}

export function importClassList(ctx: HandlerContext, request: RequestOut<'classList:import'>): ClassListImportResult {
  const services = ctx.services();
  const { parsed } = take(services, request.token, ctx.now());
  const result = transact(ctx, ({ services: tx, audit }) => {
    // Planned again inside the transaction: the vault as it is now decides what is a duplicate.
    const planned = planFor(tx, parsed, request.mapping, request.defaultSchoolType);
    const now = ctx.nowIso();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const entry of planned) {
      if (entry.outcome === 'new') {
        tx.students.create(fieldsOf(entry.values), now);
        created += 1;
      } else if (entry.outcome === 'duplicate') {
        if (request.duplicateAction === 'update') {
          tx.students.update(entry.existing.id, updatedFields(entry), now);
          updated += 1;
        } else unchanged += 1;
      }
    }
    const skipped = planned.flatMap((entry) => (entry.outcome === 'skipped' ? [{ row: entry.row, reason: entry.reason }] : []));
    audit('classList.imported', { created, updated, unchanged, skipped: skipped.length, format: parsed.format });
    return { created, updated, unchanged, skipped: skipped.slice(0, CLASS_LIST_LIMITS.listedSkips), skippedCount: skipped.length };
  });
  // Imported once: the rows leave memory.
  store(services).delete(request.token);
  return result;
}

export function discardClassList(ctx: HandlerContext, token: string): void {
  store(ctx.services()).delete(token);
}
