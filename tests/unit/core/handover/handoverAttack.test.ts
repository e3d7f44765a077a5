import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../../electron/core/backend';
import { sealHandover } from '../../../../electron/core/handover/handoverFile';
import { buildStudentSnapshot, type StudentSnapshot } from '../../../../electron/core/handover/studentSnapshot';
import type { ErrorCode } from '../../../../shared/errors';
import { expectAppError } from '../../helpers/core';
import { cheapTransferScrypt, importFile, inspectFile, makeSourceWorld, makeTargetWorld, NAME, TRANSFER } from './handoverWorld';

cheapTransferScrypt();

// Issue 14, tried as an attacker who hands the mentor a file: every crafted handover below is
// sealed with the real container code and key derivation, so it gets past decryption and meets
// the bounds, the schema and the import itself.

const TABLES = ['students', 'placements', 'templates', 'template_versions', 'dialogues', 'dialogue_participants', 'codes',
  'annotations', 'agreements', 'amendments', 'audit_events'];
function vaultState(backend: Backend): string {
  const db = backend.vault.database();
  return JSON.stringify(TABLES.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
}

const seal = (snapshot: unknown) => sealHandover(typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot), TRANSFER, { createdAt: '2025-09-01T00:00:00.000Z', appVersion: 'x' });

async function world() {
  const source = await makeSourceWorld();
  const snapshot = buildStudentSnapshot(source.backend.vault.database(), source.student.id, '2025-09-01T00:00:00.000Z');
  return { source, snapshot, clone: () => structuredClone(snapshot) as StudentSnapshot & Record<string, unknown> };
}

/** Refused with `code`, fast, and with nothing in the vault changed. */
async function refused(backend: Backend, api: Parameters<typeof inspectFile>[0], file: Buffer, code: ErrorCode): Promise<number> {
  const state = vaultState(backend);
  const started = performance.now();
  await expectAppError(inspectFile(api, file), code);
  const ms = performance.now() - started;
  expect(vaultState(backend)).toBe(state);
  expect(ms).toBeLessThan(8000);
  return ms;
}

describe('a crafted handover file', () => {
  it('is refused with its own message for each kind of bad content, quickly, changing nothing', async () => {
    const { clone } = await world();
    const target = await makeTargetWorld();
    const timings: Record<string, number> = {};

    const manyVersions = clone();
    const version = manyVersions.templateVersions[0]!;
    // Small versions, so that the count (not the unpacked size) is what is over its bound.
    manyVersions.templateVersions = Array.from({ length: 100_000 }, () => ({ ...version, id: randomUUID(), sections: [] }));
    timings.versions100k = await refused(target.backend, target.api, await seal(manyVersions), 'HANDOVER_TOO_MANY_ITEMS');

    const longText = clone();
    longText.dialogues[0]!.title = 'x'.repeat(2_000_000);
    timings.text2mb = await refused(target.backend, target.api, await seal(longText), 'HANDOVER_TEXT_TOO_LONG');

    // 200 MB of text packs into a small file: the unpacking stops at the bound.
    const huge = clone();
    huge.dialogues[0]!.title = 'a'.repeat(200 * 1024 * 1024);
    const hugeFile = await seal(huge);
    huge.dialogues[0]!.title = '';
    expect(hugeFile.length).toBeLessThan(2 * 1024 * 1024);
    timings.string200mb = await refused(target.backend, target.api, hugeFile, 'HANDOVER_TOO_LARGE');

    const duplicate = clone();
    duplicate.dialogues = [duplicate.dialogues[0]!, duplicate.dialogues[0]!];
    timings.duplicate = await refused(target.backend, target.api, await seal(duplicate), 'HANDOVER_DUPLICATE_IDS');

    const badAmendment = clone();
    (badAmendment.amendments[0] as { content: unknown }).content = { text: 'x', script: '<img src=x>' };
    await refused(target.backend, target.api, await seal(badAmendment), 'HANDOVER_DAMAGED');

    // Over the file bound: refused before anything is decrypted.
    timings.file33mb = await refused(target.backend, target.api, randomBytes(33 * 1024 * 1024), 'HANDOVER_TOO_LARGE');
    console.log('handover refusals (ms):', JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))));
    expect((await target.api.students.list({ includeArchived: true }))).toEqual([]);
  }, 120_000);

  it('with a student number that is oversized, not a string or not a number the app takes: refused by name, changing nothing', async () => {
    const { clone } = await world();
    const target = await makeTargetWorld();
    await target.api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo', studentNumber: '1001' });
    const withNumber = async (studentNumber: unknown) => {
      const forged = clone();
      (forged.student as Record<string, unknown>).studentNumber = studentNumber;
      return seal(forged);
    };
    // Longer than the 32 characters a student number may have, also far longer.
    await refused(target.backend, target.api, await withNumber('1'.repeat(33)), 'HANDOVER_TEXT_TOO_LONG');
    await refused(target.backend, target.api, await withNumber('9'.repeat(1_000_000)), 'HANDOVER_TEXT_TOO_LONG');
    // Not a string at all.
    for (const value of [1001, ['1001'], { number: '1001' }, true]) {
      await refused(target.backend, target.api, await withNumber(value), 'HANDOVER_DAMAGED');
    }
    // A string the app would never store as a number: a spreadsheet formula (the dialogue log is
    // CSV), a line break, a control character.
    for (const value of ['=HYPERLINK("http://x")', '1001\n1002', '10\u000001']) {
      await refused(target.backend, target.api, await withNumber(value), 'HANDOVER_DAMAGED');
    }
    expect((await target.api.students.list({ includeArchived: true })).map((s) => s.displayName)).toEqual(['Sem de Vries']);
  }, 60_000);

  it('with the id of a student here under another name: shows the local student, and replaces only after that name is typed; undo brings it back', async () => {
    const { source, clone } = await world();
    const forged = clone();
    forged.student.displayName = 'Iemand Anders';
    const file = await seal(forged);
    const state = vaultState(source.backend);

    const inspection = await inspectFile(source.api, file);
    expect(inspection).toMatchObject({ match: 'id', file: { name: 'Iemand Anders' }, local: { name: NAME, dialogues: 2 } });
    // The file's name, or a near miss, is not the confirmation.
    for (const typed of ['Iemand Anders', 'Noor', '', 'Noor el Amrani x']) {
      await expectAppError(source.api.handover.import({ token: inspection.token, action: 'replace', confirmName: typed }), 'CONFIRMATION_MISMATCH');
    }
    await expectAppError(source.api.handover.import({ token: inspection.token, action: 'replace' }), 'CONFIRMATION_MISMATCH');
    expect(vaultState(source.backend)).toBe(state);
    // A token that was never handed out acts on nothing.
    await expectAppError(source.api.handover.import({ token: randomUUID(), action: 'replace', confirmName: NAME }), 'HANDOVER_EXPIRED');

    const result = await source.api.handover.import({ token: inspection.token, action: 'replace', confirmName: NAME });
    expect(result).toMatchObject({ status: 'replaced', studentId: source.student.id, studentName: 'Iemand Anders' });
    const names = (await source.api.students.list({ includeArchived: true })).map((s) => s.displayName).sort();
    expect(names).toEqual(['Iemand Anders', 'Sem de Vries']);
    // The other student is untouched.
    expect((await source.api.actions.list({ studentId: source.other.id, includeDone: true })).map((a) => a.text)).toEqual(['Van Sem']);

    // The vault as it was is set aside, and undoing brings Noor back.
    expect(readdirSync(dirname(source.backend.vault.dbPath))).toContain(result.setAside);
    expect((await source.api.backups.listSetAside()).map((c) => c.name)).toEqual([result.setAside]);
    await source.api.backups.undoRestore({ setAside: result.setAside! });
    expect((await source.api.students.list({ includeArchived: true })).map((s) => s.displayName).sort()).toEqual([NAME, 'Sem de Vries']);
  }, 60_000);

  it('with another id but a name that is here: shows that student, and replace acts on exactly that one', async () => {
    const { source, clone } = await world();
    const forged = clone();
    forged.student.id = randomUUID();
    forged.student.displayName = 'sem de vries';
    const inspection = await inspectFile(source.api, await seal(forged));
    expect(inspection).toMatchObject({ match: 'name', local: { name: 'Sem de Vries', dialogues: 0 } });
    await expectAppError(source.api.handover.import({ token: inspection.token, action: 'replace', confirmName: NAME }), 'CONFIRMATION_MISMATCH');
    const result = await source.api.handover.import({ token: inspection.token, action: 'replace', confirmName: 'Sem de Vries' });
    expect(result.status).toBe('replaced');
    const students = await source.api.students.list({ includeArchived: true });
    expect(students.map((s) => s.id)).not.toContain(source.other.id);
    // Noor, who was never shown, is still there, with her dialogues.
    expect((await source.api.dialogues.list({ studentId: source.student.id }))).toHaveLength(2);
  }, 60_000);

  it('refuses to replace when the student shown was renamed after the inspection', async () => {
    const { source, clone } = await world();
    const inspection = await inspectFile(source.api, await seal(clone()));
    source.backend.vault.database().prepare('UPDATE students SET display_name = ? WHERE id = ?').run('Noor Amrani', source.student.id);
    const state = vaultState(source.backend);
    await expectAppError(source.api.handover.import({ token: inspection.token, action: 'replace', confirmName: NAME }), 'HANDOVER_CHANGED');
    expect(vaultState(source.backend)).toBe(state);
  }, 60_000);

  it('never adds a version to a template here nor takes the id of one: a template version from a file gets new ids', async () => {
    const { source, clone } = await world();
    const target = await makeTargetWorld();
    const copied = await target.api.templates.copy({ templateId: (await target.api.templates.list()).find((t) => t.builtinKey === 'intake')!.templateId });
    const forged = clone();
    const custom = forged.templateVersions.find((v) => v.builtinKey === null)!;
    // The file claims this vault's own template (family) and version id, with other content.
    custom.templateId = copied.templateId;
    custom.id = copied.id;
    for (const dialogue of forged.dialogues) if (dialogue.templateVersionId === source.custom.id) dialogue.templateVersionId = copied.id;
    const before = await target.api.templates.get({ versionId: copied.id });
    const result = await importFile(target.api, await seal(forged), 'import');
    expect(result.counts.templateVersionsAdded).toBe(1);
    expect(await target.api.templates.get({ versionId: copied.id })).toEqual(before);
    const dialogue = await target.api.dialogues.get({ id: source.first.id });
    expect(dialogue.template.id).not.toBe(copied.id);
    expect(dialogue.template.name).toBe('Mijn eigen gesprek');
  }, 60_000);
});
