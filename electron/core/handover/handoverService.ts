import { createHash, randomUUID } from 'node:crypto';
import { basename, dirname, isAbsolute } from 'node:path';
import type { RequestOut, Response } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/exportSchemas';
import type { HandoverImportResult, HandoverInspection, HandoverStudentSummary } from '../../../shared/handoverSchemas';
import { passphraseStrength } from '../../../shared/passphraseStrength';
import { dialogueView } from '../domain/dialogueView';
import { writeExportAtomic } from '../export/atomicExport';
import { safeFileStem } from '../export/fileNames';
import { LogoStore } from '../export/logo';
import { localDate } from '../backup/naming';
import type { Db } from '../db/connection';
import { normaliseConfirmation } from '../erasure/erasure';
import type { HandlerContext } from '../handlers/context';
import { runLimitedJob } from '../jobs/limitedJob';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import { buildAccessDocument } from './accessDocx';
import { MAX_HANDOVER_FILE_BYTES, sealHandover, transferScryptParams } from './handoverFile';
import { type ImportOutcome, type ImportPlan, importSnapshot } from './importSnapshot';
import { buildStudentSnapshot, StudentSnapshot } from './studentSnapshot';

const HANDOVER_SUFFIX: Record<Language, string> = { nl: 'overdracht', en: 'handover' };
const ACCESS_SUFFIX: Record<Language, string> = { nl: 'inzage', en: 'access' };

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short code for a student's handover files: six characters from a hash of the student's id,
 * so files of one student carry the same code and the name never appears (issue 14).
 */
export function handoverCode(studentId: string): string {
  const digest = createHash('sha256').update(`loopbaandialoog/handover-name/${studentId}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => CODE_ALPHABET[byte % 32]).join('');
}

/** `overdracht-2026-12-03-7KQ2XM.ldho`: the date and the code, never the student's name. */
export const handoverFileName = (studentId: string, date: string, language: Language) =>
  `${HANDOVER_SUFFIX[language]}-${date}-${handoverCode(studentId)}.ldho`;
export const accessFileName = (name: string, language: Language, extension: 'json' | 'docx') =>
  `${safeFileStem(name, language)}-${ACCESS_SUFFIX[language]}.${extension}`;

const ACCESS_ABOUT: Record<Language, string> = {
  nl: 'Alle gegevens die Loopbaandialoog over deze leerling bewaart, zoals opgeslagen: de leerling, stages, gesprekken '
    + '(met deelnemers en tekst), gebruikte gespreksformats, gemarkeerde passages met hun codes, afspraken en aanvullingen. '
    + 'Opgesteld voor een verzoek om inzage.',
  en: 'All data Loopbaandialoog keeps about this student, as stored: the student, placements, dialogues (with participants '
    + 'and text), the templates used, tagged passages with their codes, agreed actions and amendments. '
    + 'Made for an access request.',
};

/** The version of the running app, where the context knows it; otherwise the version that made the vault. */
function appVersion(ctx: HandlerContext): string {
  const known = (ctx as unknown as { appVersion?: unknown }).appVersion;
  if (typeof known === 'string') return known;
  const stored = ctx.services().db.prepare('SELECT app_version FROM vault_meta WHERE id = 1').pluck().get() as string | undefined;
  return stored ?? 'unknown';
}

/** Save dialogs on Linux do not add the extension the filter shows. */
function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(`.${extension}`) ? path : `${path}.${extension}`;
}

/** Asks where to and writes atomically; nothing is written when the mentor cancels. */
async function saveFile(ctx: HandlerContext, fileName: string, extension: string, data: Buffer): Promise<ExportResult> {
  const chosen = await ctx.saveTarget.choose(fileName);
  if (chosen === null) return { saved: false, fileName, location: null };
  if (!chosen || !isAbsolute(chosen)) throw new AppError('EXPORT_TARGET_MISSING');
  const path = withExtension(chosen, extension);
  // The dialog may have stood open long enough for the vault to lock: then nothing is written.
  ctx.services();
  await writeExportAtomic(ctx.fileOps, path, data);
  return { saved: true, fileName: basename(path), location: dirname(path) };
}

function audit(ctx: HandlerContext, record: () => void, event: string): void {
  if (ctx.vault.isUnlocked) record();
  else logEvent('handover.audit_skipped', { event });
}

export async function exportHandover(ctx: HandlerContext, request: RequestOut<'handover:export'>): Promise<ExportResult> {
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const student = services.students.get(request.studentId);
  if (!passphraseStrength(request.transferPassphrase, language, [student.displayName]).acceptable) throw new AppError('WEAK_PASSPHRASE');
  const snapshot = buildStudentSnapshot(services.db, student.id, ctx.nowIso());
  const data = await sealHandover(JSON.stringify(snapshot), request.transferPassphrase, { createdAt: ctx.nowIso(), appVersion: appVersion(ctx) });
  const result = await saveFile(ctx, handoverFileName(student.id, localDate(ctx.now()), language), 'ldho', data);
  if (result.saved) audit(ctx, () => recordAudit(ctx.services().db, 'handover.exported', {}, ctx.now), 'handover.exported');
  return result;
}

/** A checked handover, waiting for the mentor's decision; in this process's memory only. */
interface Pending {
  snapshot: StudentSnapshot;
  /** The connection it was inspected against: a lock (or restore) in between ends it. */
  db: Db;
  local: { id: string; name: string } | null;
  match: HandoverInspection['match'];
  expiresAt: number;
}

/** Long enough to read the comparison and type a name; a lock ends it sooner. */
const PENDING_MS = 15 * 60_000;
/** One dialog at a time needs one; a few for two windows. Older ones go first. */
const MAX_PENDING = 3;
const pendingByVault = new WeakMap<object, Map<string, Pending>>();

function pendingOf(ctx: HandlerContext): Map<string, Pending> {
  let map = pendingByVault.get(ctx.vault);
  if (!map) {
    map = new Map();
    pendingByVault.set(ctx.vault, map);
  }
  return map;
}

/** Job limits for opening a handover: a 64 MB snapshot parses in well under this heap and time. */
const OPEN_LIMITS = { maxHeapMb: 768, deadlineMs: 20_000 };

interface SummaryRow {
  id: string; display_name: string; cohort: string; programme: string; student_number: string | null; archived_at: string | null;
  dialogues: number; last: string | null;
}

const SUMMARY_WHERE = { id: 's.id = ?', number: 's.student_number = ?', name: 's.display_name = ? COLLATE NOCASE' } as const;

function localSummary(db: Db, where: keyof typeof SUMMARY_WHERE, value: string): SummaryRow | undefined {
  const condition = SUMMARY_WHERE[where];
  return db.prepare(`SELECT s.id, s.display_name, s.cohort, s.programme, s.student_number, s.archived_at,
      (SELECT count(*) FROM dialogues d WHERE d.student_id = s.id) AS dialogues,
      (SELECT max(held_on) FROM dialogues d WHERE d.student_id = s.id) AS last
    FROM students s WHERE ${condition} ORDER BY s.created_at, s.rowid LIMIT 1`).get(value.trim()) as SummaryRow | undefined;
}

const summaryOf = (row: SummaryRow): HandoverStudentSummary => ({
  name: row.display_name, group: row.cohort, programme: row.programme, studentNumber: row.student_number, dialogues: row.dialogues,
  lastDialogueOn: row.last, archived: row.archived_at !== null,
});

function fileSummary(snapshot: StudentSnapshot): HandoverStudentSummary {
  const last = snapshot.dialogues.reduce<string | null>((latest, d) => (latest === null || d.heldOn > latest ? d.heldOn : latest), null);
  const s = snapshot.student;
  return {
    name: s.displayName, group: s.cohort, programme: s.programme, studentNumber: s.studentNumber ?? null,
    dialogues: snapshot.dialogues.length, lastDialogueOn: last, archived: s.archivedAt !== null,
  };
}

/**
 * Step one of an import: the file (untrusted) is bounded in size, then decrypted, unpacked and
 * checked in a limited job; the host keeps the checked snapshot under a token and shows it beside
 * the student it would meet here (same id, or else same name). Nothing in the vault changes.
 */
export async function inspectHandover(ctx: HandlerContext, request: RequestOut<'handover:inspect'>): Promise<HandoverInspection> {
  ctx.services();
  // Base64 length first: the decoded size is known without decoding.
  if (Math.floor((request.dataBase64.length * 3) / 4) > MAX_HANDOVER_FILE_BYTES + 2) throw new AppError('HANDOVER_TOO_LARGE');
  const data = Buffer.from(request.dataBase64, 'base64');
  if (data.length > MAX_HANDOVER_FILE_BYTES) throw new AppError('HANDOVER_TOO_LARGE');
  const snapshot = await runLimitedJob<StudentSnapshot>('handoverOpen', {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    passphrase: request.transferPassphrase,
    ownCost: transferScryptParams(),
  }, OPEN_LIMITS);
  // Decrypting took a while: the vault may have locked meanwhile.
  const db = ctx.services().db;
  // The same id is the same student handed back and forth; else the school's student number
  // (issue 16) names the student better than a name, which two students can share.
  const number = snapshot.student.studentNumber ?? null;
  const byId = localSummary(db, 'id', snapshot.student.id);
  const byNumber = byId || number === null ? undefined : localSummary(db, 'number', number);
  const byName = byId || byNumber ? undefined : localSummary(db, 'name', snapshot.student.displayName);
  const local = byId ?? byNumber ?? byName;
  const match = byId ? 'id' : byNumber ? 'number' : byName ? 'name' : null;

  const pending = pendingOf(ctx);
  const now = ctx.now();
  for (const [key, entry] of pending) if (entry.expiresAt <= now || entry.db !== db) pending.delete(key);
  while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
  const token = randomUUID();
  pending.set(token, { snapshot, db, local: local ? { id: local.id, name: local.display_name } : null, match, expiresAt: now + PENDING_MS });
  return {
    token,
    file: fileSummary(snapshot),
    local: local ? summaryOf(local) : null,
    match,
    actions: local ? ['replace', 'copy', 'skip'] : ['import', 'skip'],
  };
}

/**
 * Step two: acts on exactly what step one showed. `replace` deletes the local student shown (by
 * the id kept with the token, never one the request names) and only when the typed name is that
 * student's name; a set-aside copy of the vault is made first, for undo.
 */
export async function importHandover(ctx: HandlerContext, request: RequestOut<'handover:import'>): Promise<HandoverImportResult> {
  const services = ctx.services();
  const pending = pendingOf(ctx);
  const entry = pending.get(request.token);
  if (!entry || entry.expiresAt <= ctx.now() || entry.db !== services.db) {
    pending.delete(request.token);
    throw new AppError('HANDOVER_EXPIRED');
  }
  const { snapshot, local } = entry;
  const name = snapshot.student.displayName;
  if (request.action === 'skip') {
    pending.delete(request.token);
    return { status: 'skipped', studentId: null, studentName: name, counts: {}, studentNumberLeftOut: false, setAside: null };
  }
  let plan: ImportPlan;
  if (request.action === 'import') {
    if (local) throw new AppError('HANDOVER_CHANGED');
    plan = { mode: 'import' };
  } else if (request.action === 'copy') {
    plan = { mode: 'copy' };
  } else {
    if (!local) throw new AppError('HANDOVER_CHANGED');
    // The name of the student who goes, as shown: typing the file's name is not enough.
    if (normaliseConfirmation(request.confirmName ?? '') !== normaliseConfirmation(local.name)) throw new AppError('CONFIRMATION_MISMATCH');
    plan = { mode: 'replace', replaceId: local.id, replaceName: local.name };
  }
  // Checked before the copy is made: a student renamed or gone since the inspection.
  if (plan.mode === 'replace' && localSummary(services.db, 'id', plan.replaceId)?.display_name !== plan.replaceName) {
    throw new AppError('HANDOVER_CHANGED');
  }
  let setAside: string | null = null;
  if (plan.mode === 'replace') {
    if (!ctx.backups) throw new AppError('INTERNAL');
    setAside = await ctx.backups.setAsideLive();
  }
  let outcome: ImportOutcome;
  try {
    const db = ctx.services().db;
    if (db !== entry.db) throw new AppError('HANDOVER_EXPIRED');
    outcome = importSnapshot(db, snapshot, plan, ctx.nowIso(), (done) => {
      recordAudit(db, 'handover.imported', { status: done.status, ...done.counts }, ctx.now);
    });
  } catch (error) {
    // Nothing changed: a copy to undo nothing would only be one more copy of the vault.
    if (setAside && ctx.backups) await ctx.backups.deleteSetAside(setAside).catch(() => undefined);
    throw error;
  }
  pending.delete(request.token);
  return {
    status: outcome.status, studentId: outcome.studentId, studentName: name, counts: outcome.counts,
    studentNumberLeftOut: outcome.studentNumberLeftOut, setAside,
  };
}

/**
 * For a student's (or parent's) access request: the complete snapshot as readable JSON, and a Word
 * document with every dialogue in full, private sections included (the data subject has a right
 * to see everything kept about them), its passages and amendments, all actions and placements.
 */
export async function exportAccess(ctx: HandlerContext, request: RequestOut<'access:export'>): Promise<Response<'access:export'>> {
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const student = services.students.get(request.studentId);
  const snapshot = buildStudentSnapshot(services.db, student.id, ctx.nowIso());
  const json = Buffer.from(`${JSON.stringify({ about: ACCESS_ABOUT[language], ...snapshot }, null, 2)}\n`, 'utf8');

  // Oldest first, complete (the builder localises built-in template names).
  const dialogues = services.dialogues.summaries(student.id).reverse().map((summary) => dialogueView(services, summary.id, language));
  const word = await buildAccessDocument(
    {
      student, dialogues, about: ACCESS_ABOUT[language],
      codes: services.codes.list(),
      actions: services.actions.list(student.id, true),
      placements: services.placements.listByStudent(student.id),
    },
    {
      language,
      now: new Date(ctx.now()),
      school: { name: services.settings.get().schoolName, logo: new LogoStore(services.db).get() },
      author: student.mentor,
    },
  );

  const jsonResult = await saveFile(ctx, accessFileName(student.displayName, language, 'json'), 'json', json);
  const wordResult = await saveFile(ctx, accessFileName(student.displayName, language, 'docx'), 'docx', word);
  if (jsonResult.saved || wordResult.saved) {
    audit(ctx, () => recordAudit(ctx.services().db, 'export.made', { kind: 'access' }, ctx.now), 'export.made');
  }
  return { json: jsonResult, word: wordResult };
}
