import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import type { Api } from '../../../../shared/api';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import {
  expectAppError, makeBackend, makeUnlockedBackend, OTHER_PASSPHRASE, PASSPHRASE, THIRD_PASSPHRASE,
} from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';

/**
 * The laptop that made the backups: one student with a dialogue, a tagged passage and an
 * agreement, and one verified backup in its backup folder.
 */
async function oldLaptop() {
  const backupsDir = join(tempDir(), 'usb-stick');
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
  const { api } = made;
  await api.backups.chooseFolder();
  const student = await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
  const intake = (await api.templates.list()).find((t) => t.builtinKey === 'intake')!;
  const boundary = (await api.codes.list()).find((c) => c.builtinKey === 'boundaryExperience')!;
  const dialogue = await newDialogue(api, student.id, intake);
  const tag = await api.annotations.create({ dialogueId: dialogue.id, codeId: boundary.id, memo: 'Eerste stage' });
  const section = intake.sections[0]!.key;
  await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content: docFor(intake, { [section]: [paragraph(leaf('Op stage merkte ik ', tag.id), leaf('dat ik zorg wil.'))] }) });
  await api.actions.create({ studentId: student.id, text: 'Open dag bezoeken', owner: 'student' });
  const run = await api.backups.run();
  return { ...made, backupsDir, backupPath: join(backupsDir, run.backup.fileName), run };
}

/** A new computer: an empty data folder, and an open dialog that answers with `file`. */
function newComputer(file: string | null, overrides: Parameters<typeof makeBackend>[0] = {}) {
  const picker = chosenFilePicker(file);
  return { ...makeBackend({ openFilePicker: picker, ...overrides }), picker };
}

async function everything(api: Api) {
  const students = await api.students.list();
  const student = students[0]!;
  const dialogues = await api.dialogues.list({ studentId: student.id });
  const dialogue = await api.dialogues.get({ id: dialogues[0]!.id });
  const actions = await api.actions.list({ studentId: student.id });
  return {
    students: students.map((s) => s.displayName),
    dialogues: dialogues.length,
    tags: dialogue.annotations.map((a) => a.memo),
    text: JSON.stringify(dialogue.content).includes('Op stage merkte ik'),
    actions: actions.map((a) => a.text),
  };
}

const EVERYTHING = { students: ['Noor el Amrani'], dialogues: 1, tags: ['Eerste stage'], text: true, actions: ['Open dag bezoeken'] };

describe('restoring a backup file on a new computer', () => {
  it('with the passphrase of its time: every student, dialogue, tag and agreement, then unlocks normally', async () => {
    const old = await oldLaptop();
    const fresh = newComputer(old.backupPath);
    expect((await fresh.api.vault.status()).state).toBe('none');
    // What a new computer could do before: nothing that reaches the backup.
    await expectAppError(fresh.api.vault.unlock({ passphrase: PASSPHRASE }), 'VAULT_MISSING');
    await expectAppError(fresh.api.backups.list(), 'VAULT_LOCKED');

    const picked = await fresh.api.vault.pickBackup({});
    expect(fresh.picker.asked).toEqual(['backup']);
    expect(picked).toMatchObject({ fileName: old.run.backup.fileName, createdAt: old.run.backup.createdAt, effect: 'fresh', sameVault: false });
    expect(picked!.counts.students).toBe(1);
    expect(readdirSync(fresh.dir)).toEqual([]);

    const restored = await fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE });
    expect(restored).toMatchObject({ setAside: null, restoredFrom: { fileName: old.run.backup.fileName } });
    expect((await fresh.api.vault.status()).state).toBe('unlocked');
    expect(await everything(fresh.api)).toEqual(EVERYTHING);
    expect((await fresh.api.search.query({ query: 'stage' })).hits.length).toBeGreaterThan(0);
    expect(listAudit(fresh.backend.vault.database()).map((e) => e.kind)).toContain('backup.restored');
    // The folder it came from is where the backups are now.
    expect((await fresh.api.backups.getSettings()).folder).toBe(old.backupsDir);
    expect((await fresh.api.backups.list()).map((b) => b.status)).toEqual(['restorable']);
    expect(readdirSync(fresh.dir).filter((name) => /restor/.test(name))).toEqual([]);

    await fresh.api.vault.lock();
    await fresh.api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await everything(fresh.api)).toEqual(EVERYTHING);
  });

  it('with the recovery key of its time, setting a new passphrase', async () => {
    const old = await oldLaptop();
    const fresh = newComputer(old.backupPath);
    const picked = await fresh.api.vault.pickBackup({});
    await expectAppError(fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'recoveryKey', recoveryKey: old.recoveryKey, newPassphrase: 'kort' }), 'WEAK_PASSPHRASE');
    await fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'recoveryKey', recoveryKey: old.recoveryKey.toLowerCase(), newPassphrase: THIRD_PASSPHRASE });
    expect(await everything(fresh.api)).toEqual(EVERYTHING);

    await fresh.api.vault.lock();
    await expectAppError(fresh.api.vault.unlock({ passphrase: PASSPHRASE }), 'WRONG_PASSPHRASE');
    await fresh.api.vault.unlock({ passphrase: THIRD_PASSPHRASE });
    await fresh.api.vault.lock();
    // The recovery key stays the one on paper.
    await fresh.api.vault.unlockWithRecoveryKey({ recoveryKey: old.recoveryKey, newPassphrase: OTHER_PASSPHRASE });
    expect(await everything(fresh.api)).toEqual(EVERYTHING);
  });

  it('names a wrong passphrase or recovery key for the backup, and changes nothing', async () => {
    const old = await oldLaptop();
    const fresh = newComputer(old.backupPath);
    const picked = await fresh.api.vault.pickBackup({});
    await expectAppError(fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: OTHER_PASSPHRASE }), 'BACKUP_WRONG_PASSPHRASE');
    await expectAppError(fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'recoveryKey', recoveryKey: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789', newPassphrase: THIRD_PASSPHRASE }), 'BACKUP_WRONG_RECOVERY_KEY');
    await expectAppError(fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'recoveryKey', recoveryKey: 'geen sleutel', newPassphrase: THIRD_PASSPHRASE }), 'BACKUP_WRONG_RECOVERY_KEY');
    await expectAppError(fresh.api.vault.restoreFromBackup({ token: 'verzonnen', method: 'passphrase', passphrase: PASSPHRASE }), 'BACKUP_FILE_NOT_CHOSEN');
    expect((await fresh.api.vault.status()).state).toBe('none');
    expect(existsSync(join(fresh.dir, 'vault.key'))).toBe(false);
    expect(existsSync(join(fresh.dir, 'vault.db'))).toBe(false);
    // The same pick still works with the right passphrase: a typo costs nothing.
    await fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE });
    expect((await fresh.api.vault.status()).state).toBe('unlocked');
  });

  it('says nothing was chosen when the dialog is cancelled, and refuses a file that is not a backup', async () => {
    const old = await oldLaptop();
    const cancelled = newComputer(null);
    expect(await cancelled.api.vault.pickBackup({})).toBeNull();
    const other = newComputer(join(old.dir, 'vault.key'));
    await expectAppError(other.api.vault.pickBackup({}), 'BACKUP_DAMAGED');
    const bare = makeBackend();
    await expectAppError(bare.api.vault.pickBackup({}), 'BACKUP_FILE_NOT_CHOSEN');
  });

  it('refuses a backup whose payload was changed, before touching anything', async () => {
    const old = await oldLaptop();
    const bytes = readFileSync(old.backupPath);
    bytes[bytes.length - 5000]! ^= 0xff;
    const damaged = join(tempDir(), old.run.backup.fileName);
    await import('node:fs/promises').then((fs) => fs.writeFile(damaged, bytes));
    const fresh = newComputer(damaged);
    const picked = await fresh.api.vault.pickBackup({});
    await expectAppError(fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE }), 'BACKUP_DAMAGED');
    expect(readdirSync(fresh.dir).filter((name) => name.startsWith('vault.'))).toEqual([]);
  });
});

describe('restoring a backup file over a vault that is already here', () => {
  it('after creating a new vault: asks for confirmation, sets the new vault aside, and can put it back', async () => {
    const old = await oldLaptop();
    const mistaken = newComputer(old.backupPath);
    await mistaken.api.vault.create({ passphrase: OTHER_PASSPHRASE });
    await mistaken.api.students.create({ displayName: 'Nieuw Begonnen', schoolType: 'havo' });

    const picked = await mistaken.api.vault.pickBackup({});
    expect(picked).toMatchObject({ effect: 'replaces', sameVault: false });
    await expectAppError(mistaken.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE }), 'RESTORE_REPLACE_UNCONFIRMED');
    expect((await mistaken.api.students.list()).map((s) => s.displayName)).toEqual(['Nieuw Begonnen']);

    const restored = await mistaken.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    expect(restored.setAside).toMatch(/^vault\.db\.before-restore-/);
    expect(existsSync(join(mistaken.dir, restored.setAside!))).toBe(true);
    expect(existsSync(join(mistaken.dir, restored.setAside!.replace('vault.db.', 'vault.key.')))).toBe(true);
    expect(await everything(mistaken.api)).toEqual(EVERYTHING);
    expect(await mistaken.api.backups.listSetAside()).toEqual([expect.objectContaining({ name: restored.setAside, undo: 'locks' })]);

    await mistaken.api.vault.lock();
    await mistaken.api.vault.unlock({ passphrase: PASSPHRASE });

    // Undo: the other vault comes back with its own key file; it opens with its own passphrase.
    expect(await mistaken.api.backups.undoRestore({ setAside: restored.setAside! })).toEqual({ ok: true, state: 'locked', reErased: 0 });
    expect((await mistaken.api.vault.status()).state).toBe('locked');
    await expectAppError(mistaken.api.vault.unlock({ passphrase: PASSPHRASE }), 'WRONG_PASSPHRASE');
    await mistaken.api.vault.unlock({ passphrase: OTHER_PASSPHRASE });
    expect((await mistaken.api.students.list()).map((s) => s.displayName)).toEqual(['Nieuw Begonnen']);
    expect(await mistaken.api.backups.listSetAside()).toHaveLength(1);
  });

  it('from the unlock screen, with the vault here locked', async () => {
    const old = await oldLaptop();
    const here = newComputer(old.backupPath);
    await here.api.vault.create({ passphrase: OTHER_PASSPHRASE });
    await here.api.vault.lock();
    const picked = await here.api.vault.pickBackup({});
    expect(picked).toMatchObject({ effect: 'replaces' });
    const restored = await here.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    expect(restored.setAside).not.toBeNull();
    expect(await everything(here.api)).toEqual(EVERYTHING);
  });

  it('puts the vault here back when the restored one cannot be opened', async () => {
    const old = await oldLaptop();
    const here = newComputer(old.backupPath);
    await here.api.vault.create({ passphrase: OTHER_PASSPHRASE });
    await here.api.students.create({ displayName: 'Blijft Staan', schoolType: 'havo' });
    const picked = await here.api.vault.pickBackup({});
    // The key file cannot be written (a full disk at the last step).
    const { opener } = here.backend.vault as unknown as { opener: { open: (...args: unknown[]) => Promise<unknown> } };
    const real = opener.open.bind(opener);
    let first = true;
    opener.open = async (...args: unknown[]) => {
      if (first) {
        first = false;
        throw Object.assign(new Error('simulated'), { code: 'ENOSPC' });
      }
      return real(...args);
    };
    await expectAppError(here.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true }), 'DISK_FULL');
    expect((await here.api.vault.status()).state).toBe('unlocked');
    expect((await here.api.students.list()).map((s) => s.displayName)).toEqual(['Blijft Staan']);
    expect(readdirSync(here.dir).filter((name) => /before-restore|restoring/.test(name))).toEqual([]);
  });
});

describe('backups across key rotations', () => {
  it('a backup made before a rotation restores afterwards, and the current keys keep opening the vault', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    const { api, clock } = made;
    await api.backups.chooseFolder();
    await api.students.create({ displayName: 'Voor Rotatie', schoolType: 'havo' });
    const before = await api.backups.run();
    clock.advance(60_000);

    const rotated = await api.vault.rotateKey({ passphrase: PASSPHRASE });
    // Right after the rotation there is a verified backup under the new key.
    expect(rotated.backupError).toBeNull();
    expect(rotated.backup?.fileName).not.toBe(before.backup.fileName);
    clock.advance(60_000);
    await api.vault.rotateKey({ passphrase: PASSPHRASE }); // twice: the history is sealed again each time
    await api.students.create({ displayName: 'Na Rotatie', schoolType: 'vwo' });

    const list = await api.backups.list();
    expect(list.find((b) => b.fileName === before.backup.fileName)?.status).toBe('restorable');
    const restored = await api.backups.restore({ fileName: before.backup.fileName });
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['Voor Rotatie']);

    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await api.vault.lock();
    await expectAppError(api.vault.unlockWithRecoveryKey({ recoveryKey: rotated.recoveryKey, newPassphrase: THIRD_PASSPHRASE }), 'WRONG_RECOVERY_KEY');
    await expectAppError(api.vault.unlockWithRecoveryKey({ recoveryKey: made.recoveryKey, newPassphrase: THIRD_PASSPHRASE }), 'WRONG_RECOVERY_KEY');
    await api.vault.unlock({ passphrase: PASSPHRASE });

    // And the undo of that restore still opens, under the current key.
    expect(await api.backups.undoRestore({ setAside: restored.setAside })).toEqual({ ok: true, state: 'unlocked', reErased: 0 });
    expect((await api.students.list()).map((s) => s.displayName).sort()).toEqual(['Na Rotatie', 'Voor Rotatie']);
  });

  it('the undo of a restore still works after a rotation in between', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const { api } = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    await api.backups.chooseFolder();
    await api.students.create({ displayName: 'Eerste', schoolType: 'havo' });
    const made = await api.backups.run();
    await api.students.create({ displayName: 'Tweede', schoolType: 'havo' });
    const restored = await api.backups.restore({ fileName: made.backup.fileName });
    await api.vault.rotateKey({ passphrase: PASSPHRASE });
    expect(await api.backups.listSetAside()).toEqual([expect.objectContaining({ undo: 'staysUnlocked' })]);
    expect(await api.backups.undoRestore({ setAside: restored.setAside })).toEqual({ ok: true, state: 'unlocked', reErased: 0 });
    expect((await api.students.list()).map((s) => s.displayName).sort()).toEqual(['Eerste', 'Tweede']);
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.students.list()).toHaveLength(2);
  });

  it('on a new computer: the old backup with the old recovery key, the post-rotation one with the new', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    const { api, clock } = made;
    await api.backups.chooseFolder();
    await api.students.create({ displayName: 'Voor Rotatie', schoolType: 'havo' });
    const before = await api.backups.run();
    clock.advance(60_000);
    const rotated = await api.vault.rotateKey({ passphrase: PASSPHRASE });

    const first = newComputer(join(backupsDir, before.backup.fileName));
    const oldPick = await first.api.vault.pickBackup({});
    await expectAppError(first.api.vault.restoreFromBackup({ token: oldPick!.token, method: 'recoveryKey', recoveryKey: rotated.recoveryKey, newPassphrase: THIRD_PASSPHRASE }), 'BACKUP_WRONG_RECOVERY_KEY');
    await first.api.vault.restoreFromBackup({ token: oldPick!.token, method: 'recoveryKey', recoveryKey: made.recoveryKey, newPassphrase: THIRD_PASSPHRASE });
    expect((await first.api.students.list()).map((s) => s.displayName)).toEqual(['Voor Rotatie']);

    const second = newComputer(join(backupsDir, rotated.backup!.fileName));
    const newPick = await second.api.vault.pickBackup({});
    await second.api.vault.restoreFromBackup({ token: newPick!.token, method: 'recoveryKey', recoveryKey: rotated.recoveryKey, newPassphrase: THIRD_PASSPHRASE });
    expect((await second.api.students.list()).map((s) => s.displayName)).toEqual(['Voor Rotatie']);
    // The vault restored from after the rotation knows the key from before it.
    await second.api.backups.chooseFolder().catch(() => undefined);
    expect((await second.api.backups.list()).map((b) => [b.fileName, b.status])).toEqual(expect.arrayContaining([[before.backup.fileName, 'restorable']]));
  });

  it('a backup from a rotation the vault has no record of is marked, and restores with the secrets of its time', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const { api, backend, dir } = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    await api.backups.chooseFolder();
    await api.students.create({ displayName: 'Oude Sleutel', schoolType: 'havo' });
    const before = await api.backups.run();
    await api.vault.rotateKey({ passphrase: PASSPHRASE });
    // As an app from before this change rotated: a key file without history.
    await api.vault.lock();
    const keyPath = join(dir, 'vault.key');
    const keyFile = JSON.parse(readFileSync(keyPath, 'utf8')) as { previousKeys?: unknown };
    delete keyFile.previousKeys;
    await import('node:fs/promises').then((fs) => fs.writeFile(keyPath, JSON.stringify(keyFile)));
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await api.students.create({ displayName: 'Later', schoolType: 'havo' });

    const listed = (await api.backups.list()).find((b) => b.fileName === before.backup.fileName);
    expect(listed?.status).toBe('needsOlderSecret');
    await expectAppError(api.backups.restore({ fileName: before.backup.fileName }), 'BACKUP_NEEDS_OLDER_SECRET');

    const picked = await api.vault.pickBackup({ fileName: before.backup.fileName });
    expect(picked).toMatchObject({ effect: 'replaces', sameVault: true });
    await api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE, replaceCurrent: true });
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['Oude Sleutel']);
    expect(backend.vault.isUnlocked).toBe(true);
  });

  it('makes one backup after a rotation, also when the automatic backup of the day starts at the same time', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const { api, clock, backend } = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    await api.backups.chooseFolder();
    await api.backups.run();
    // The next day: the rotation's reopening counts as the first unlock of the day.
    clock.advance(24 * 3600_000);
    const rotated = await api.vault.rotateKey({ passphrase: PASSPHRASE });
    await backend.backups.whenIdle();
    const files = readdirSync(backupsDir).filter((name) => name.endsWith('.lbdbackup'));
    expect(files).toHaveLength(2);
    expect(files).toContain(rotated.backup!.fileName);
  });

  it('says why there is no backup after a rotation when no folder is chosen', async () => {
    const { api } = await makeUnlockedBackend();
    const rotated = await api.vault.rotateKey({ passphrase: PASSPHRASE });
    expect(rotated).toMatchObject({ backup: null, backupError: 'BACKUP_FOLDER_UNSET' });
  });
});

describe('set-aside copies of the vault', () => {
  it('restore and undo, again and again, keep exactly one copy; it is listed and can be deleted', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const { api, dir, clock } = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    await api.backups.chooseFolder();
    await api.students.create({ displayName: 'Eerste', schoolType: 'havo' });
    const made = await api.backups.run();
    await api.students.create({ displayName: 'Tweede', schoolType: 'havo' });
    const setAsideFiles = () => readdirSync(dir).filter((name) => name.includes('before-restore'));

    let last = '';
    for (let round = 0; round < 3; round += 1) {
      clock.advance(1000);
      const restored = await api.backups.restore({ fileName: made.backup.fileName });
      expect(setAsideFiles().filter((name) => name.startsWith('vault.db.'))).toEqual([restored.setAside]);
      clock.advance(1000);
      await api.backups.undoRestore({ setAside: restored.setAside });
      const copies = await api.backups.listSetAside();
      expect(copies).toHaveLength(1);
      expect(copies[0]!.name).not.toBe(restored.setAside);
      expect(copies[0]!.sizeBytes).toBeGreaterThan(0);
      last = copies[0]!.name;
      expect(setAsideFiles().sort()).toEqual([last, last.replace('vault.db.', 'vault.key.')].sort());
    }
    expect((await api.students.list()).map((s) => s.displayName).sort()).toEqual(['Eerste', 'Tweede']);

    await api.backups.deleteSetAside({ setAside: last });
    expect(setAsideFiles()).toEqual([]);
    expect(await api.backups.listSetAside()).toEqual([]);
    await expectAppError(api.backups.deleteSetAside({ setAside: last }), 'NOT_FOUND');
    await expectAppError(api.backups.deleteSetAside({ setAside: 'vault.key' }), 'NOT_FOUND');
  });

  it('a restore removes copies left by earlier app versions (only the new one stays)', async () => {
    const backupsDir = join(tempDir(), 'backups');
    const { api, dir } = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
    await api.backups.chooseFolder();
    const made = await api.backups.run();
    const fs = await import('node:fs/promises');
    for (const name of ['vault.db.before-restore-20240101-101010', 'vault.db.before-restore-20240101-101010-wal', 'vault.db.before-restore-20240202-101010-2']) {
      await fs.writeFile(join(dir, name), 'oude kopie');
    }
    const restored = await api.backups.restore({ fileName: made.backup.fileName });
    expect(readdirSync(dir).filter((name) => name.startsWith('vault.db.before-restore')).sort()).toEqual([restored.setAside]);
  });
});
