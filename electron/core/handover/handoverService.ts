import { basename, dirname, isAbsolute } from 'node:path';
import type { RequestOut, Response } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/exportSchemas';
import { passphraseStrength } from '../../../shared/passphraseStrength';
import { dialogueView } from '../domain/dialogueView';
import { writeExportAtomic } from '../export/atomicExport';
import { safeFileStem } from '../export/fileNames';
import { LogoStore } from '../export/logo';
import type { HandlerContext } from '../handlers/context';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import { buildAccessDocument } from './accessDocx';
import { openHandover, sealHandover } from './handoverFile';
import { importSnapshot } from './importSnapshot';
import { buildStudentSnapshot, StudentSnapshot } from './studentSnapshot';

const HANDOVER_SUFFIX: Record<Language, string> = { nl: 'overdracht', en: 'handover' };
const ACCESS_SUFFIX: Record<Language, string> = { nl: 'inzage', en: 'access' };

export const handoverFileName = (name: string, language: Language) => `${safeFileStem(name, language)}-${HANDOVER_SUFFIX[language]}.ldho`;
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
  const result = await saveFile(ctx, handoverFileName(student.displayName, language), 'ldho', data);
  if (result.saved) audit(ctx, () => recordAudit(ctx.services().db, 'handover.exported', {}, ctx.now), 'handover.exported');
  return result;
}

export async function importHandover(ctx: HandlerContext, request: RequestOut<'handover:import'>): Promise<Response<'handover:import'>> {
  const services = ctx.services();
  const data = Buffer.from(request.dataBase64, 'base64');
  const json = await openHandover(data, request.transferPassphrase);
  let snapshot: StudentSnapshot;
  try {
    snapshot = StudentSnapshot.parse(JSON.parse(json));
  } catch {
    throw new AppError('HANDOVER_DAMAGED');
  }
  // Decrypting took a while: the vault may have locked meanwhile.
  const db = ctx.services().db;
  if (db !== services.db) throw new AppError('VAULT_LOCKED');
  const outcome = importSnapshot(db, snapshot, request.onConflict, ctx.nowIso(), (done) => {
    recordAudit(db, 'handover.imported', { status: done.status, ...done.counts }, ctx.now);
  });
  return { status: outcome.status, studentId: outcome.studentId, studentName: snapshot.student.displayName, counts: outcome.counts };
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
