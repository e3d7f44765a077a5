import { copyFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../../../electron/core/backup/container';
import { type KeyFile, wrapAad } from '../../../../electron/core/vault/keyFile';
import { unwrapWithPassphrase } from '../../../../electron/core/vault/keyWrap';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import { makeUnlockedBackend, OTHER_PASSPHRASE, PASSPHRASE } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { forgeMeta } from '../backup/containerBytes';

// Issue 14 point 4: a passphrase change reaches the backups in the backup folder.

async function world() {
  const backupsDir = join(tempDir(), 'backups');
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
  await made.api.backups.chooseFolder();
  await made.api.students.create({ displayName: 'In de back-up', schoolType: 'havo' });
  return { ...made, backupsDir };
}

const backupFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.lbdbackup')).sort();

async function opensWith(path: string, passphrase: string): Promise<boolean> {
  const header = await readHeader(path);
  const keyFile = header.meta.keyFile as KeyFile;
  const key = await unwrapWithPassphrase(keyFile.wraps.passphrase, passphrase, wrapAad(keyFile.vaultId, 'passphrase'));
  key?.fill(0);
  return key !== null;
}

describe('after a passphrase change', () => {
  it('every backup in the folder opens with the new passphrase only, its body byte for byte the same; a copy elsewhere is out of reach', async () => {
    const { api, backupsDir } = await world();
    await api.backups.run();
    const [name] = backupFiles(backupsDir);
    const path = join(backupsDir, name!);
    const before = readFileSync(path);
    const beforeHeader = await readHeader(path);
    const outside = join(tempDir(), 'usb-copy.lbdbackup');
    copyFileSync(path, outside);

    const result = await api.vault.changePassphrase({ currentPassphrase: PASSPHRASE, newPassphrase: OTHER_PASSPHRASE });
    expect(result.backups).toEqual({ rewrapped: 1, failed: [] });
    expect(await opensWith(path, PASSPHRASE)).toBe(false);
    expect(await opensWith(path, OTHER_PASSPHRASE)).toBe(true);
    const after = readFileSync(path);
    const afterHeader = await readHeader(path);
    expect(after.subarray(afterHeader.offset).equals(before.subarray(beforeHeader.offset))).toBe(true);
    expect(afterHeader.meta.createdAt).toBe(beforeHeader.meta.createdAt);
    // No temporary file left; the copy on the stick still opens with the old one (it is out of reach).
    expect(readdirSync(backupsDir)).toEqual([name]);
    expect(await opensWith(outside, PASSPHRASE)).toBe(true);

    // And it still restores (in place), with its data.
    await api.students.create({ displayName: 'Na de back-up', schoolType: 'vwo' });
    await api.backups.restore({ fileName: name! });
    expect((await api.students.list({ includeArchived: true })).map((s) => s.displayName)).toEqual(['In de back-up']);
  }, 60_000);

  it('lists a backup it could not rewrap (an edited header) and leaves it as it was', async () => {
    const { api, backupsDir } = await world();
    await api.backups.run();
    const [name] = backupFiles(backupsDir);
    const path = join(backupsDir, name!);
    // A damaged header: not authentic any more, so not touched.
    const forged = forgeMeta(readFileSync(path), (meta) => { meta.createdAt = '2020-01-01T00:00:00.000Z'; });
    writeFileSync(path, forged);
    const result = await api.vault.changePassphrase({ currentPassphrase: PASSPHRASE, newPassphrase: OTHER_PASSPHRASE });
    expect(result.backups).toEqual({ rewrapped: 0, failed: [name] });
    expect(readFileSync(path).equals(forged)).toBe(true);
  }, 60_000);
});

describe('the backup list', () => {
  it('takes dates from the authenticated header: renaming a file changes nothing, an edited header is not offered', async () => {
    const { api, backupsDir } = await world();
    const made = await api.backups.run();
    const [name] = backupFiles(backupsDir);
    const renamed = name!.replace(/-\d{8}-\d{6}/, '-20300101-120000');
    renameSync(join(backupsDir, name!), join(backupsDir, renamed));
    const listed = await api.backups.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ fileName: renamed, createdAt: made.backup.createdAt });

    writeFileSync(join(backupsDir, renamed), forgeMeta(readFileSync(join(backupsDir, renamed)), (meta) => { meta.createdAt = '2030-01-01T12:00:00.000Z'; }));
    expect(await api.backups.list()).toEqual([]);
  }, 60_000);
});
