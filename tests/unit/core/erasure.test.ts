import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Channel, contract, type RequestIn, type Response } from '../../../shared/contract';
import { type Db, openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { missingSaveTarget } from '../../../electron/core/export/saveTarget';
import { handlers } from '../../../electron/core/handlers';
import type { HandlerContext } from '../../../electron/core/handlers/context';
import { Preferences } from '../../../electron/core/preferences';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import { Services } from '../../../electron/core/services';
import { nodeFileOps } from '../../../electron/core/vault/fileOps';
import type { Vault } from '../../../electron/core/vault/vault';
import { FakeClock, expectAppError, makeUnlockedBackend } from '../helpers/core';
import { docFor, leaf, paragraph } from '../helpers/dialogues';
import { tempDir } from '../helpers/tempDir';

const NAME = 'Xylofoon Quirijnsdóttir';
const SECRETS = {
  name: NAME,
  dialogueText: 'Zebrastreepgeheim42 wil dierenarts worden',
  memo: 'Memoquokka77 twijfelt over stage',
  action: 'Actiewombat99 belt het stagebedrijf',
  amendment: 'Aanvullingnarwal31 na gesprek met ouders',
  participant: 'Participantlynx',
  organisation: 'Stagebedrijfokapi',
  title: 'Titelpangolin',
};
const OTHER = 'Blijvende Bertha';
/** How the search index stores the student's words: folded by its tokenizer. */
const INDEX_TERMS = ['zebrastreepgeheim42', 'memoquokka77', 'actiewombat99', 'quirijnsdottir'];

/** The real handler table over a plain (unencrypted) database with the vault's schema. */
function plainWorld() {
  const dir = tempDir();
  const path = join(dir, 'plain.db');
  const db: Db = openDatabase(path, { key: null });
  migrate(db);
  const clock = new FakeClock();
  const services = new Services(db);
  const ctx: HandlerContext = {
    vault: { isUnlocked: true } as Vault,
    preferences: new Preferences(nodeFileOps, dir),
    services: () => services,
    now: clock.now,
    nowIso: () => new Date(clock.now()).toISOString(),
    saveTarget: missingSaveTarget,
    fileOps: nodeFileOps,
  };
  async function call<C extends Channel>(channel: C, request: RequestIn<C>): Promise<Response<C>> {
    const parsed = contract[channel].request.parse(request);
    const handler = handlers[channel] as (request: unknown, ctx: HandlerContext) => unknown;
    return (await handler(parsed, ctx)) as Response<C>;
  }
  return { db, path, call, services };
}

async function studentWithEverything(call: ReturnType<typeof plainWorld>['call'], name: string, text: Record<string, string>) {
  const student = await call('students:create', { displayName: name, schoolType: 'mbo-2', mentor: 'Mevr. Jansen' });
  const placement = await call('placements:create', { studentId: student.id, organisation: text.organisation! });
  const template = (await call('templates:list', {})).find((t) => t.builtinKey)!;
  const code = (await call('codes:list', {}))[0]!;
  const dialogue = await call('dialogues:create', {
    studentId: student.id, templateVersionId: template.id, heldOn: '2025-09-01', title: text.title!, placementId: placement.id,
    participants: [{ name: text.participant!, role: 'student' }],
  });
  const annotation = await call('annotations:create', { dialogueId: dialogue.id, codeId: code.id, memo: text.memo! });
  const content = docFor(template, { [template.sections[0]!.key]: [paragraph(leaf(text.dialogueText!, annotation.id))] });
  const saved = await call('dialogues:save', { id: dialogue.id, revision: dialogue.revision, content });
  await call('actions:create', { studentId: student.id, dialogueId: dialogue.id, annotationId: annotation.id, text: text.action!, owner: 'student' });
  await call('dialogues:finalise', { id: dialogue.id, revision: saved.revision });
  await call('dialogues:addAmendment', { id: dialogue.id, text: text.amendment! });
  return student;
}

function rawBytes(path: string): Buffer {
  const parts = [readFileSync(path)];
  for (const suffix of ['-wal', '-journal']) if (existsSync(path + suffix)) parts.push(readFileSync(path + suffix));
  return Buffer.concat(parts);
}

function tracesIn(bytes: Buffer, needles: readonly string[]): string[] {
  return needles.filter((needle) => [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')].some((form) => bytes.includes(form)));
}

const TABLES = ['students', 'placements', 'dialogues', 'dialogue_participants', 'annotations', 'agreements', 'amendments'];
const counts = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));

describe('erasure', () => {
  it('leaves no text of the erased student in the raw database file or its WAL (unencrypted, same handler)', async () => {
    const { db, path, call } = plainWorld();
    const keep = await studentWithEverything(call, OTHER, {
      dialogueText: 'Blijftekst', memo: 'Blijfmemo', action: 'Blijfactie', amendment: 'Blijfaanvulling',
      participant: 'Blijfdeelnemer', organisation: 'Blijfbedrijf', title: 'Blijftitel',
    });
    const student = await studentWithEverything(call, NAME, SECRETS);
    const needles = Object.values(SECRETS);

    // Control: the scan sees every text while the student exists (checkpointed into the file).
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(tracesIn(rawBytes(path), needles)).toEqual(needles);
    // Control for the search index: its shadow tables hold the folded terms (lower case, no accents).
    expect(tracesIn(rawBytes(path), INDEX_TERMS)).toEqual(INDEX_TERMS);
    expect(db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH 'zebrastreepgeheim42'`).pluck().get()).toBe(1);
    const before = counts(db);

    await call('erasure:erase', { studentId: student.id, confirmName: `  ${NAME.normalize('NFD')} ` });

    // Everything about the student went, by cascade; the other student is untouched.
    const after = counts(db);
    for (const table of TABLES) expect(after[table], table).toBe(before[table]! / 2);
    expect(db.prepare('SELECT count(*) FROM dialogues WHERE student_id = ?').pluck().get(keep.id)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM students WHERE id = ?').pluck().get(student.id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM search_docs WHERE student_id = ?').pluck().get(student.id)).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH 'zebrastreepgeheim42 OR xylofoon'`).pluck().get()).toBe(0);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);

    const audit = listAudit(db).find((event) => event.kind === 'student.erased');
    expect(audit?.detail).toEqual({});

    // While still open (closing would checkpoint and hide what the erasure left in the file or WAL).
    expect(tracesIn(rawBytes(path), needles)).toEqual([]);
    // The other student's words are still searchable.
    expect(db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH 'blijftekst OR blijfmemo'`).pluck().get()).toBe(2);
    db.close();
    const bytes = rawBytes(path);
    expect(tracesIn(bytes, needles)).toEqual([]);
    // The id is kept on purpose, in the vault's list of erased students (issue 14: a restore
    // erases them again), and nowhere else: without the list's row no byte of it is left.
    expect(tracesIn(bytes, [student.id])).toEqual([student.id]);
    const reopened = openDatabase(path, { key: null });
    expect(reopened.prepare('SELECT student_id FROM erased_students').pluck().all()).toEqual([student.id]);
    reopened.prepare('DELETE FROM erased_students').run();
    reopened.exec('VACUUM');
    reopened.close();
    expect(tracesIn(rawBytes(path), [student.id])).toEqual([]);
    // The other student's data is still there, so the scan is not blind.
    expect(tracesIn(bytes, [OTHER, 'Blijftekst', 'Blijfmemo'])).toHaveLength(3);
    // The search index stores folded terms in its own shadow tables; none of the student's are left.
    expect(tracesIn(bytes, INDEX_TERMS)).toEqual([]);
  });

  it('refuses a confirmation that is not the name (case-sensitive) and erases nothing', async () => {
    const { db, call } = plainWorld();
    const student = await call('students:create', { displayName: NAME, schoolType: 'havo' });
    for (const wrong of [NAME.toUpperCase(), 'Xylofoon', `${NAME}x`]) {
      await expectAppError(Promise.resolve().then(() => call('erasure:erase', { studentId: student.id, confirmName: wrong })), 'CONFIRMATION_MISMATCH');
    }
    expect(db.prepare('SELECT count(*) FROM students').pluck().get()).toBe(1);
    expect(listAudit(db).some((event) => event.kind === 'student.erased')).toBe(false);
    db.close();
  });

  it('works through the backend on the encrypted vault and audits only that it happened', async () => {
    const { api } = await makeUnlockedBackend();
    const student = await api.students.create({ displayName: NAME, schoolType: 'havo' });
    await expect(api.erasure.erase({ studentId: student.id, confirmName: 'iemand anders' })).rejects.toMatchObject({ code: 'CONFIRMATION_MISMATCH' });
    // No backup folder here: the erasure works and says that no fresh backup replaced the old ones.
    expect(await api.erasure.erase({ studentId: student.id, confirmName: NAME }))
      .toEqual({ ok: true, backup: null, backupError: 'BACKUP_FOLDER_UNSET', removedBackups: 0, removedSetAside: 0 });
    await expect(api.students.get({ id: student.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const entries = await api.audit.list({});
    const erased = entries.filter((entry) => entry.kind === 'student.erased');
    expect(erased).toEqual([expect.objectContaining({ detail: {} })]);
    expect(JSON.stringify(entries)).not.toContain(student.id);
    await expect(api.erasure.erase({ studentId: student.id, confirmName: NAME })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
