import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStatus, STALE_AFTER_DAYS } from '../../../../electron/core/backup/backupStatus';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import { makeUnlockedBackend } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

const NOW = Date.UTC(2026, 11, 3, 9);
const day = 24 * 60 * 60 * 1000;
const settings = (over: Partial<Parameters<typeof backupStatus>[0]>) => ({ folder: null, keep: 10, lastBackupAt: null, automatic: true, ...over });

describe('backup status for the sidebar', () => {
  it('names what stands in the way of the next backup', async () => {
    const folder = tempDir();
    expect((await backupStatus(settings({}), NOW)).state).toBe('noFolder');
    expect((await backupStatus(settings({ automatic: false }), NOW)).state).toBe('off');
    expect((await backupStatus(settings({ folder: join(folder, 'usb-stick-removed') }), NOW)).state).toBe('folderMissing');
    expect((await backupStatus(settings({ folder }), NOW)).state).toBe('never');
    const old = new Date(NOW - (STALE_AFTER_DAYS + 1) * day).toISOString();
    expect(await backupStatus(settings({ folder, lastBackupAt: old }), NOW)).toEqual({ state: 'stale', lastBackupAt: old, ageDays: STALE_AFTER_DAYS + 1 });
    const recent = new Date(NOW - 2 * day - 1000).toISOString();
    expect(await backupStatus(settings({ folder, lastBackupAt: recent }), NOW)).toEqual({ state: 'ok', lastBackupAt: recent, ageDays: 2 });
  });

  it('answers through the contract, and is ok right after a backup', async () => {
    const folder = join(tempDir(), 'backups');
    mkdirSync(folder);
    const { api } = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(folder) });
    await api.backups.updateSettings({ automatic: true });
    expect((await api.status.backup()).state).toBe('noFolder');
    await api.backups.chooseFolder();
    expect((await api.status.backup()).state).toBe('never');
    await api.backups.run();
    expect(await api.status.backup()).toMatchObject({ state: 'ok', ageDays: 0 });
  });
});
