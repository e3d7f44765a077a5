import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { TemplateSection } from '../../../shared/dialogueSchemas';
import { AppError } from '../../../shared/errors';
import { MAX_PACK_BYTES, Pack, PACK_FORMAT, PACK_VERSION, PackHeader, type PackImportResult, type PackPreview } from '../../../shared/packSchemas';
import { missingOpenFilePicker } from '../backup/openFilePicker';
import type { Db } from '../db/connection';
import type { HandlerContext } from '../handlers/context';
import { transact } from '../handlers/transact';
import { recordAudit } from '../repositories/auditRepository';
import { Services } from '../services';
import { mergeCodes } from './codeMerge';

/**
 * Templates and codebook as one `.lbdpack` file (shared/packSchemas.ts), out and in. Export: every
 * current template of the mentor's own (built-ins every copy of the app has already) and the whole
 * codebook. Import: each template is a new template with a new id, never one from the file; a
 * template identical to one the vault has (name, kind, sections) is not added twice, so loading
 * the same pack again (a school policy does at every start) adds nothing; codes merge by name.
 */

function sectionsKey(sections: readonly TemplateSection[]): string {
  return JSON.stringify(sections.map((section) => [section.key, section.title.trim(), section.prompt.trim(), section.competence, section.private]));
}

function templateKey(name: string, kind: string, sections: readonly TemplateSection[]): string {
  return `${name.trim()}\u0000${kind}\u0000${sectionsKey(sections)}`;
}

export function buildPack(services: Services, origin: string, now: Date): Pack {
  const templates = services.templates.listLatest(false)
    .filter((template) => template.builtinKey === null)
    .map((template) => ({ name: template.name, kind: template.kind, sections: template.sections }));
  const codes = services.codes.list().map((code) => ({ ref: code.id, name: code.name, color: code.color, parentRef: code.parentId }));
  return Pack.parse({ format: PACK_FORMAT, version: PACK_VERSION, createdAt: now.toISOString(), origin, templates, codes });
}

/** A pack from bytes read from disk: bounded before JSON.parse, then the header, then the whole schema. */
export function parsePack(bytes: Buffer): Pack {
  if (bytes.length > MAX_PACK_BYTES) throw new AppError('PACK_TOO_LARGE');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new AppError('PACK_INVALID', undefined, { cause });
  }
  const header = PackHeader.safeParse(json);
  if (!header.success) throw new AppError('PACK_INVALID');
  if (header.data.version > PACK_VERSION) throw new AppError('PACK_TOO_NEW');
  const pack = Pack.safeParse(json);
  if (!pack.success) throw new AppError('PACK_INVALID');
  return pack.data;
}

/** Reads a pack file with its size checked first (a policy may name one by path). */
export async function readPackFile(path: string): Promise<Pack> {
  let bytes: Buffer;
  try {
    const handle = await fsp.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_PACK_BYTES) throw new AppError('PACK_TOO_LARGE');
      bytes = Buffer.alloc(size);
      const { bytesRead } = await handle.read(bytes, 0, size, 0);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('PACK_INVALID', undefined, { cause: error });
  }
  return parsePack(bytes);
}

/** The pack into the vault, or (now null) only what it would do. Call inside a transaction when writing. */
function applyPack(services: Services, pack: Pack, now: string | null): PackImportResult & { names: string[] } {
  const existing = new Set(services.templates.listLatest(false)
    .filter((template) => template.builtinKey === null)
    .map((template) => templateKey(template.name, template.kind, template.sections)));
  const names: string[] = [];
  let same = 0;
  for (const template of pack.templates) {
    const key = templateKey(template.name, template.kind, template.sections);
    if (existing.has(key)) {
      same += 1;
      continue;
    }
    existing.add(key);
    names.push(template.name);
    if (now === null) continue;
    const id = randomUUID();
    services.templates.insertTemplate(id, null, now);
    services.templates.insertVersion(randomUUID(), { templateId: id, version: 1, name: template.name, kind: template.kind, sections: template.sections }, now);
  }
  const codes = mergeCodes(services, pack.codes, now);
  return { templatesAdded: names.length, templatesSame: same, codesNew: codes.created, codesMerged: codes.merged, names };
}

export function packPreview(services: Services, pack: Pack): PackPreview {
  const plan = applyPack(services, pack, null);
  return { origin: pack.origin, templatesNew: plan.names, templatesSame: plan.templatesSame, codesNew: plan.codesNew, codesMerged: plan.codesMerged };
}

function auditDetail(result: PackImportResult): Record<string, string | number> {
  return { kind: 'lbdpack', templates: result.templatesAdded, codesNew: result.codesNew, codesMerged: result.codesMerged };
}

function withoutNames({ names: _names, ...result }: PackImportResult & { names: string[] }): PackImportResult {
  return result;
}

/**
 * Imports a parsed pack into an open vault in one transaction with one audit event (counts
 * only). For callers outside a handler, such as the school policy at start; handlers use the
 * token flow below.
 */
export function importPack(db: Db, pack: Pack, now: () => number = Date.now): PackImportResult {
  const services = new Services(db);
  return db.transaction(() => {
    const result = withoutNames(applyPack(services, Pack.parse(pack), new Date(now()).toISOString()));
    recordAudit(db, 'exchange.imported', auditDetail(result), now);
    return result;
  })();
}

// Between preview and import: the parsed pack for this unlocked session (as refiImport does).
const PENDING_MS = 30 * 60_000;
const pending = new Map<string, { services: Services; pack: Pack; at: number }>();

export async function pickPack(ctx: HandlerContext): Promise<{ token: string | null; preview: PackPreview | null }> {
  ctx.services();
  const path = await (ctx.openFilePicker ?? missingOpenFilePicker).choose('lbdpack');
  if (path === null) return { token: null, preview: null };
  const pack = await readPackFile(path);
  const services = ctx.services();
  for (const [token, entry] of pending) if (entry.services !== services || ctx.now() - entry.at > PENDING_MS) pending.delete(token);
  const token = randomUUID();
  pending.set(token, { services, pack, at: ctx.now() });
  return { token, preview: packPreview(services, pack) };
}

export function importPackToken(ctx: HandlerContext, token: string): PackImportResult {
  const entry = pending.get(token);
  const current = ctx.services();
  if (!entry || entry.services !== current || ctx.now() - entry.at > PENDING_MS) {
    pending.delete(token);
    throw new AppError('IMPORT_EXPIRED');
  }
  const result = transact(ctx, ({ services, audit }) => {
    const applied = withoutNames(applyPack(services, entry.pack, ctx.nowIso()));
    audit('exchange.imported', auditDetail(applied));
    return applied;
  });
  pending.delete(token);
  return result;
}
