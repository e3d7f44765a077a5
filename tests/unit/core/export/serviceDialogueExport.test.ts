import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { expectAppError, makeUnlockedBackend, osError } from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';
import { ZIP_MAGIC, folderTarget, makeExportWorld } from './serviceWorld';

const FILE = 'Noor-el-Amrani-2025-09-01-gesprek.docx';

async function worldWithDialogue(options: Parameters<typeof makeExportWorld>[0] = {}) {
  const world = await makeExportWorld(options);
  const intake = world.template('intake');
  const dialogue = await newDialogue(world.api, world.student.id, intake, '2025-09-01');
  const passage = await world.api.annotations.create({ dialogueId: dialogue.id, codeId: world.code('boundaryExperience'), attributes: { dilemmaType: 'ethical' } });
  await world.api.dialogues.save({
    id: dialogue.id, revision: 1,
    content: docFor(intake, { background: [paragraph(leaf('Ik werkte in de '), leaf('thuiszorg en dat schuurde', passage.id))] }),
  });
  return { ...world, dialogue };
}

describe('export:dialogue', () => {
  it('asks for a place with the suggested name and writes a .docx there', async () => {
    const { api, dialogue, exportsDir, target } = await worldWithDialogue();
    const result = await api.export.dialogue({ dialogueId: dialogue.id });
    expect(target.choose).toHaveBeenCalledExactlyOnceWith(FILE);
    expect(result).toEqual({ saved: true, fileName: FILE, location: exportsDir });
    expect(readdirSync(exportsDir)).toEqual([FILE]);
    const bytes = readFileSync(join(exportsDir, FILE));
    expect(bytes.subarray(0, 4)).toEqual(ZIP_MAGIC);
    // A Word document: the ZIP's directory names the main part.
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
  });

  it('names the file in English when the app is in English', async () => {
    const { api, dialogue, exportsDir } = await worldWithDialogue();
    await api.settings.setLanguage({ language: 'en' });
    const result = await api.export.dialogue({ dialogueId: dialogue.id });
    expect(result.fileName).toBe('Noor-el-Amrani-2025-09-01-dialogue.docx');
    expect(readdirSync(exportsDir)).toEqual(['Noor-el-Amrani-2025-09-01-dialogue.docx']);
  });

  it('a cancelled save dialog writes nothing and says so', async () => {
    const exportsDir = tempDir('lbd-exports-');
    const cancel = folderTarget(exportsDir, { cancel: true });
    const { api, dialogue, backend } = await worldWithDialogue({ saveTarget: cancel });
    expect(await api.export.dialogue({ dialogueId: dialogue.id })).toEqual({ saved: false, fileName: FILE, location: null });
    expect(cancel.choose).toHaveBeenCalledOnce();
    expect(readdirSync(exportsDir)).toEqual([]);
    expect(listAudit(backend.vault.database()).some((event) => event.kind === 'export.made')).toBe(false);
  });

  it('records export.made with only the kind: no name, file name, path or id', async () => {
    const { api, dialogue, backend, clock, exportsDir, student } = await worldWithDialogue();
    clock.advance(60_000);
    await api.export.dialogue({ dialogueId: dialogue.id, includePrivate: true, tagsAsComments: true });
    const events = listAudit(backend.vault.database()).filter((event) => event.kind === 'export.made');
    expect(events).toEqual([{ at: new Date(clock.ms).toISOString(), kind: 'export.made', detail: { kind: 'dialogue' } }]);
    const raw = JSON.stringify(backend.vault.database().prepare('SELECT * FROM audit_events').all());
    for (const part of ['Noor', 'Amrani', 'Smit', 'gesprek', exportsDir, student.id, dialogue.id]) expect(raw).not.toContain(part);
  });

  it('replaces an existing file only when the new one is complete', async () => {
    const { api, dialogue, exportsDir } = await worldWithDialogue();
    writeFileSync(join(exportsDir, FILE), 'old');
    await api.export.dialogue({ dialogueId: dialogue.id });
    expect(readFileSync(join(exportsDir, FILE)).subarray(0, 4)).toEqual(ZIP_MAGIC);
    expect(readdirSync(exportsDir)).toEqual([FILE]);
  });

  it.each([
    ['writeFile', 'ENOSPC', 'DISK_FULL'],
    ['fsyncFile', 'ENOSPC', 'DISK_FULL'],
    ['rename', 'EBUSY', 'FILE_IN_USE'],
    ['writeFile', 'EACCES', 'EXPORT_TARGET_NOT_WRITABLE'],
    ['rename', 'EROFS', 'EXPORT_TARGET_NOT_WRITABLE'],
  ] as const)('%s failing with %s is %s: the old file stays byte-identical, no temp file, no audit event', async (op, errno, code) => {
    const { api, dialogue, exportsDir, faults, backend } = await worldWithDialogue();
    const old = Buffer.from('the summary the mentor sent last week');
    writeFileSync(join(exportsDir, FILE), old);
    faults.failWith((called, path) => (called === op && path.startsWith(exportsDir) ? osError(errno) : undefined));
    await expectAppError(api.export.dialogue({ dialogueId: dialogue.id }), code);
    expect(readFileSync(join(exportsDir, FILE))).toEqual(old);
    expect(readdirSync(exportsDir)).toEqual([FILE]);
    expect(listAudit(backend.vault.database()).some((event) => event.kind === 'export.made')).toBe(false);
    // The same export works once the problem is gone.
    faults.failWith(null);
    expect((await api.export.dialogue({ dialogueId: dialogue.id })).saved).toBe(true);
    expect(readFileSync(join(exportsDir, FILE)).subarray(0, 4)).toEqual(ZIP_MAGIC);
  });

  it('a folder that does not exist (any more) is EXPORT_TARGET_MISSING, and is not created', async () => {
    const base = tempDir('lbd-exports-');
    const gone = join(base, 'USB-STICK', 'Export');
    const { api, dialogue } = await worldWithDialogue({ saveTarget: folderTarget(gone) });
    await expectAppError(api.export.dialogue({ dialogueId: dialogue.id }), 'EXPORT_TARGET_MISSING');
    expect(existsSync(join(base, 'USB-STICK'))).toBe(false);
  });

  it('adds .docx when the dialog returned a name without it, and refuses a relative path', async () => {
    const exportsDir = tempDir('lbd-exports-');
    let answer = join(exportsDir, 'verslag');
    const { api, dialogue } = await worldWithDialogue({ saveTarget: { choose: async () => answer } });
    expect(await api.export.dialogue({ dialogueId: dialogue.id })).toEqual({ saved: true, fileName: 'verslag.docx', location: exportsDir });
    answer = join(exportsDir, 'Verslag.DOCX');
    expect((await api.export.dialogue({ dialogueId: dialogue.id })).fileName).toBe('Verslag.DOCX');
    answer = 'verslag.docx';
    await expectAppError(api.export.dialogue({ dialogueId: dialogue.id }), 'EXPORT_TARGET_MISSING');
    expect(readdirSync(exportsDir).sort()).toEqual(['Verslag.DOCX', 'verslag.docx']);
  });

  it('writes nothing when the vault locked while the save dialog was open', async () => {
    const exportsDir = tempDir('lbd-exports-');
    const holder: { lock?: () => void } = {};
    const { api, dialogue, backend } = await worldWithDialogue({
      saveTarget: {
        async choose(name) {
          holder.lock?.();
          return join(exportsDir, name);
        },
      },
    });
    holder.lock = () => backend.vault.lock();
    await expectAppError(api.export.dialogue({ dialogueId: dialogue.id }), 'VAULT_LOCKED');
    expect(readdirSync(exportsDir)).toEqual([]);
  });

  it('without a save target nothing can be exported', async () => {
    const { api } = await makeUnlockedBackend();
    const student = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    const intake = (await api.templates.list()).find((template) => template.builtinKey === 'intake')!;
    const dialogue = await newDialogue(api, student.id, intake);
    await expectAppError(api.export.dialogue({ dialogueId: dialogue.id }), 'EXPORT_TARGET_MISSING');
  });

  it('an unknown dialogue is NOT_FOUND before anyone is asked where to save; a locked vault is VAULT_LOCKED', async () => {
    const { api, target } = await worldWithDialogue();
    await expectAppError(api.export.dialogue({ dialogueId: randomUUID() }), 'NOT_FOUND');
    expect(target.choose).not.toHaveBeenCalled();
    await api.vault.lock();
    await expectAppError(api.export.dialogue({ dialogueId: randomUUID() }), 'VAULT_LOCKED');
  });

  it('a hostile student name still gives a safe file name in the chosen folder', async () => {
    const { api, dialogue, exportsDir } = await worldWithDialogue({ displayName: '../..\\CON: <Noor>?' });
    const result = await api.export.dialogue({ dialogueId: dialogue.id });
    expect(result.location).toBe(exportsDir);
    expect(result.fileName).toBe('CON-Noor-2025-09-01-gesprek.docx');
    expect(readdirSync(exportsDir)).toEqual([result.fileName]);
  });
});
