import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readHeader } from '../../../../electron/core/backup/container';
import { openDatabase } from '../../../../electron/core/db/connection';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { type FileOps, nodeFileOps } from '../../../../electron/core/vault/fileOps';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import {
  expectAppError, FakeClock, faultyFileOps, hashFolder, makeUnlockedBackend, osError, PASSPHRASE,
} from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { forgeMeta } from './containerBytes';
import { type BackendEvent, parseEvent } from '../../../../shared/events';
import { CHANNELS } from '../../../../shared/contract';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

async function world(overrides: Parameters<typeof makeUnlockedBackend>[0] = {}) {
  const backupsDir = join(tempDir(), 'backups');
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir), ...overrides });
  await made.api.backups.chooseFolder();
  return { ...made, backupsDir };
}

function backupFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.lbdbackup')).sort();
}

describe('backups', () => {
  it('writes one verified, encrypted file with the header metadata and row counts', async () => {
    const { api, backupsDir, backend } = await world();
    await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
    await api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo' });
    const settings = await api.backups.getSettings();
    expect(settings).toMatchObject({ folder: backupsDir, keep: 14, automatic: true, lastBackupAt: null });

    const run = await api.backups.run();
    expect(run.verified).toBe(true);
    expect(backupFiles(backupsDir)).toEqual([run.backup.fileName]);
    expect(readdirSync(backupsDir)).toEqual([run.backup.fileName]); // no temp files left
    const path = join(backupsDir, run.backup.fileName);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 9).toString('ascii')).toBe('LBDBACKUP');
    expect(bytes.includes(SQLITE_HEADER)).toBe(false);
    expect(bytes.includes(Buffer.from('Noor el Amrani'))).toBe(false);

    const header = await readHeader(path);
    const vaultId = backend.vault.keyMaterial().keyFile.vaultId;
    expect(header.meta.vaultId).toBe(vaultId);
    expect(header.meta.counts.students).toBe(2);
    expect(header.meta.keyFile.wraps.passphrase.ciphertext).toBeTruthy();
    expect(run.backup.counts.students).toBe(2);
    expect(run.backup.sizeBytes).toBe(statSync(path).size);
    expect((await api.backups.getSettings()).lastBackupAt).toBe(run.backup.createdAt);
    expect(listAudit(backend.vault.database()).map((e) => e.kind)).toContain('backup.made');

    // The payload is the database encrypted with the vault's data key: it opens with that key only.
    const payload = join(tempDir(), 'payload.db');
    writeFileSync(payload, bytes.subarray(header.offset));
    expect(() => openDatabase(payload, { key: null, readonly: true })).toThrow();
    const key = backend.vault.keyMaterial().dataKey;
    const copy = openDatabase(payload, { key, readonly: true });
    expect(copy.prepare('SELECT count(*) FROM students').pluck().get()).toBe(2);
    copy.close();
  });

  it('lists backups newest first from their headers, skipping damaged files', async () => {
    const { api, backupsDir, clock } = await world();
    const first = await api.backups.run();
    clock.advance(60_000);
    const second = await api.backups.run();
    writeFileSync(join(backupsDir, 'loopbaandialoog-00000000-20250101-000000.lbdbackup'), 'not a backup');
    const list = await api.backups.list();
    expect(list.map((b) => b.fileName)).toEqual([second.backup.fileName, first.backup.fileName]);
  });

  it('restores a backup: later changes disappear, and undoRestore brings them back', async () => {
    const { api, backupsDir, dir } = await world();
    await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
    const run = await api.backups.run();
    await api.students.create({ displayName: 'Later Toegevoegd', schoolType: 'havo' });
    expect(await api.students.list()).toHaveLength(2);

    const restored = await api.backups.restore({ fileName: run.backup.fileName });
    expect(restored.restoredFrom.fileName).toBe(run.backup.fileName);
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['Noor el Amrani']);
    expect(existsSync(join(dir, restored.setAside))).toBe(true);
    expect((await api.vault.status()).state).toBe('unlocked');
    // Device settings survive the restore; the backup folder is still known.
    expect((await api.backups.getSettings()).folder).toBe(backupsDir);

    await expectAppError(api.backups.undoRestore({ setAside: 'vault.key' }), 'NOT_FOUND');
    await expectAppError(api.backups.undoRestore({ setAside: 'vault.db.before-restore-20200101-000000' }), 'NOT_FOUND');
    await api.backups.undoRestore({ setAside: restored.setAside });
    expect((await api.students.list()).map((s) => s.displayName).sort()).toEqual(['Later Toegevoegd', 'Noor el Amrani']);

    // Still the same vault after a lock: the passphrase opens the swapped-in database.
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.students.list()).toHaveLength(2);
  });

  it('puts the live vault back when the swap fails halfway', async () => {
    const faulty = faultyFileOps();
    const { api, backupsDir } = await world({ fileOps: faulty.ops });
    await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
    const run = await api.backups.run();
    await api.students.create({ displayName: 'Later Toegevoegd', schoolType: 'havo' });
    faulty.failWith((op, path) => (op === 'rename' && path.includes('vault.db.restoring') ? osError('ENOSPC') : undefined));
    await expectAppError(api.backups.restore({ fileName: run.backup.fileName }), 'DISK_FULL');
    faulty.failWith(null);
    expect((await api.vault.status()).state).toBe('unlocked');
    expect(await api.students.list()).toHaveLength(2);
    expect(backupFiles(backupsDir)).toEqual([run.backup.fileName]);
  });

  it('refuses a corrupt, truncated, random or foreign file and leaves the live vault untouched', async () => {
    const { api, backupsDir, dir, backend } = await world();
    await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
    const run = await api.backups.run();
    const good = readFileSync(join(backupsDir, run.backup.fileName));
    const header = await readHeader(join(backupsDir, run.backup.fileName));
    const other = await world();
    const foreign = await other.api.backups.run();

    const name = (n: number) => `loopbaandialoog-${run.backup.fileName.split('-')[1]}-2030010${n}-000000.lbdbackup`;
    const corrupt = Buffer.from(good);
    corrupt[header.offset + 5000]! ^= 0xff;
    writeFileSync(join(backupsDir, name(1)), corrupt);
    writeFileSync(join(backupsDir, name(2)), good.subarray(0, good.length - 100));
    writeFileSync(join(backupsDir, name(3)), Buffer.alloc(20_000, 7));
    writeFileSync(join(backupsDir, name(4)), readFileSync(join(other.backupsDir, foreign.backup.fileName)));
    // A payload that is intact but not of this vault, under a header that claims this vault
    // (with a digest that fits): its key file still names the other vault, so it is damaged.
    const otherBytes = readFileSync(join(other.backupsDir, foreign.backup.fileName));
    writeFileSync(join(backupsDir, name(5)), forgeMeta(otherBytes, (meta) => { meta.vaultId = header.meta.vaultId; }));

    backend.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const before = hashFolder(dir, ['vault.db-wal', 'vault.db-shm']);
    await expectAppError(api.backups.restore({ fileName: name(1) }), 'BACKUP_DAMAGED');
    await expectAppError(api.backups.restore({ fileName: name(2) }), 'BACKUP_DAMAGED');
    await expectAppError(api.backups.restore({ fileName: name(3) }), 'BACKUP_DAMAGED');
    await expectAppError(api.backups.restore({ fileName: name(4) }), 'BACKUP_FOREIGN');
    await expectAppError(api.backups.restore({ fileName: name(5) }), 'BACKUP_DAMAGED');
    await expectAppError(api.backups.restore({ fileName: '../vault/vault.db' }), 'NOT_FOUND');
    expect(hashFolder(dir, ['vault.db-wal', 'vault.db-shm'])).toEqual(before);
    expect((await api.vault.status()).state).toBe('unlocked');
    expect(await api.students.list()).toHaveLength(1);
    expect(readdirSync(dir).filter((n) => n.includes('restor'))).toEqual([]);
  });

  it('reports a missing backup folder, and an unset one', async () => {
    const { api, backupsDir } = await world();
    rmSync(backupsDir, { recursive: true });
    await expectAppError(api.backups.run(), 'BACKUP_FOLDER_MISSING');
    await expectAppError(api.backups.list(), 'BACKUP_FOLDER_MISSING');
    const bare = await makeUnlockedBackend();
    await expectAppError(bare.api.backups.run(), 'BACKUP_FOLDER_UNSET');
    await expectAppError(bare.api.backups.chooseFolder(), 'BACKUP_FOLDER_UNSET');
  });

  it('turns a full disk into DISK_FULL and leaves no partial file', async () => {
    const faulty = faultyFileOps();
    const { api, backupsDir } = await world({ fileOps: faulty.ops });
    faulty.failWith((op, path) => (op.startsWith('writeFile') && path.startsWith(backupsDir) ? osError('ENOSPC') : undefined));
    await expectAppError(api.backups.run(), 'DISK_FULL');
    expect(readdirSync(backupsDir)).toEqual([]);
    faulty.failWith(null);
    expect((await api.backups.run()).verified).toBe(true);
  });

  it('deletes a backup whose written bytes do not verify, with BACKUP_VERIFY_FAILED', async () => {
    const backupsDir = join(tempDir(), 'backups');
    // A disk that silently flips a byte in what it is given to write.
    const flipping: FileOps = {
      ...nodeFileOps,
      writeFileFrom: async (path, head, source) => {
        const copy = Buffer.concat([head, await readFile(source)]);
        copy[copy.length - 10]! ^= 0x01;
        return nodeFileOps.writeFile(path, copy);
      },
    };
    const { api } = await world({ fileOps: flipping, folderPicker: fixedFolderPicker(backupsDir) });
    await expectAppError(api.backups.run(), 'BACKUP_VERIFY_FAILED');
    expect(readdirSync(backupsDir)).toEqual([]);
    expect((await api.backups.getSettings()).lastBackupAt).toBeNull();
  });

  it('reports progress in bytes written while copying', async () => {
    const { backend } = await world();
    const db = backend.vault.database();
    const insert = db.prepare("INSERT INTO audit_events (at, kind, detail) VALUES ('2025-01-01', 'export.made', ?)");
    db.transaction(() => {
      for (let i = 0; i < 20000; i++) insert.run(JSON.stringify({ pad: 'x'.repeat(1000) + i }));
    })();
    const seen: number[] = [];
    const run = await backend.backups.run((bytes) => seen.push(bytes));
    expect(run.verified).toBe(true);
    // Progress is sampled every 200 ms; a fast machine may finish before the first sample.
    for (const bytes of seen) expect(bytes).toBeLessThanOrEqual(run.backup.sizeBytes);
  });

  it('prunes by the keeping rule after a backup: daily, then weekly, then monthly up to the retention period', async () => {
    const { api, backupsDir, backend } = await world();
    await api.backups.updateSettings({ keep: 3 });
    await api.retention.setYears({ years: 2 });
    const short = backend.vault.keyMaterial().keyFile.vaultId.replace(/-/g, '').slice(0, 8);
    const fake = ['20230815-100000', '20240510-100000', '20240520-100000', '20250801-100000', '20250802-100000', '20250803-100000']
      .map((s) => `loopbaandialoog-${short}-${s}.lbdbackup`);
    mkdirSync(backupsDir, { recursive: true });
    for (const f of fake) writeFileSync(join(backupsDir, f), 'x');
    writeFileSync(join(backupsDir, 'mijn-notities.txt'), 'keep me');
    const run = await api.backups.run(); // the clock says 1 Sep 2025
    // 1–3 Aug 2025 are one week (Mon 28 Jul) in the weekly part: its newest stays. May 2024 is one
    // month: its newest stays. August 2023 is older than the two-year retention period: it goes.
    expect(run.pruned).toBe(4);
    expect(readdirSync(backupsDir).sort()).toEqual([
      fake[2], fake[5], run.backup.fileName, 'mijn-notities.txt',
    ].sort());
  });

  it('the retention timer applies the same rule without making a backup', async () => {
    const clock = new FakeClock(new Date(2025, 8, 1, 8, 30).getTime());
    const { api, backupsDir, backend } = await world({ clock });
    await api.backups.updateSettings({ automatic: false });
    const short = backend.vault.keyMaterial().keyFile.vaultId.replace(/-/g, '').slice(0, 8);
    const fake = ['20230815-100000', '20250830-100000', '20250831-090000', '20250831-100000']
      .map((s) => `loopbaandialoog-${short}-${s}.lbdbackup`);
    for (const f of fake) writeFileSync(join(backupsDir, f), 'x');
    // Unlocking runs it in the background (as does the daily tick while the vault stays open):
    // no backup is made, yet the one older than the retention period and the older of 31 Aug go.
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await vi.waitFor(() => expect(backupFiles(backupsDir)).toEqual([fake[1], fake[3]].sort()), { timeout: 5000 });
    // Called directly it finds nothing more to do.
    expect(await backend.backups.pruneByRule()).toBe(0);
  });

  it('makes an automatic backup at the first unlock of a day, once', async () => {
    const clock = new FakeClock(new Date(2025, 8, 1, 8, 30).getTime());
    const { api, backupsDir, backend } = await world({ clock });
    const unlockAgain = async () => {
      await api.vault.lock();
      await api.vault.unlock({ passphrase: PASSPHRASE });
      await backend.backups.whenIdle();
    };
    await unlockAgain();
    expect(backupFiles(backupsDir)).toHaveLength(1);
    clock.advance(2 * 3600_000);
    await unlockAgain();
    expect(backupFiles(backupsDir)).toHaveLength(1);
    clock.advance(24 * 3600_000);
    await unlockAgain();
    expect(backupFiles(backupsDir)).toHaveLength(2);
    await api.backups.updateSettings({ automatic: false });
    clock.advance(24 * 3600_000);
    await unlockAgain();
    expect(backupFiles(backupsDir)).toHaveLength(2);
  });

  it('keeps the event loop running during a backup of a few MB', async () => {
    const { api, backend } = await world();
    const db = backend.vault.database();
    const insert = db.prepare("INSERT INTO audit_events (at, kind, detail) VALUES ('2025-01-01', 'export.made', ?)");
    db.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run(JSON.stringify({ pad: 'x'.repeat(1000) + i }));
    })();
    // How long the loop went without a turn, measured while the backup runs, and how long the
    // same copy takes when it blocks the loop (VACUUM INTO on this thread), for comparison.
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    const run = await api.backups.run();
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(run.backup.sizeBytes).toBeGreaterThan(3_000_000);
    const blockingStart = performance.now();
    db.prepare('VACUUM INTO ?').run(join(tempDir(), 'blocking.db'));
    const blocking = performance.now() - blockingStart;
    expect(longestGap).toBeLessThan(blocking);
    expect(longestGap).toBeLessThan(elapsed / 2);
  });
});

describe('backups and erasure', () => {
  it('erasure removes the set-aside vaults and every older backup, and its fresh backup holds no trace', async () => {
    const { api, backend, backupsDir, dir } = await world();
    const student = await api.students.create({ displayName: 'Xandra Wisbaar', schoolType: 'havo', programme: 'Geheimeopleiding' });
    const first = await api.backups.run();
    const restored = await api.backups.restore({ fileName: first.backup.fileName });
    expect(existsSync(join(dir, restored.setAside))).toBe(true);
    // Another vault's backup in the same folder is not this vault's to delete.
    const stranger = 'loopbaandialoog-ffffffff-20250101-100000.lbdbackup';
    writeFileSync(join(backupsDir, stranger), 'x');

    const decrypted = async (fileName: string) => {
      const path = join(backupsDir, fileName);
      const header = await readHeader(path);
      // Decrypt a copy of the payload entirely, then scan its raw bytes.
      const plain = join(tempDir(), 'plain.db');
      writeFileSync(plain, readFileSync(path).subarray(header.offset));
      const db = openDatabase(plain, { key: backend.vault.keyMaterial().dataKey });
      db.pragma('journal_mode = DELETE');
      db.pragma(`rekey = ''`);
      db.close();
      const bytes = readFileSync(plain);
      expect(bytes.subarray(0, 16).equals(SQLITE_HEADER)).toBe(true);
      return bytes;
    };
    // Control: the scan finds the student in the backup made before the erasure.
    expect((await decrypted(first.backup.fileName)).includes(Buffer.from('Xandra'))).toBe(true);

    const erased = await api.erasure.erase({ studentId: student.id, confirmName: 'Xandra Wisbaar' });
    expect(readdirSync(dir).filter((name) => name.startsWith('vault.db.before-restore'))).toEqual([]);
    expect(erased).toMatchObject({ ok: true, backupError: null, removedBackups: 1, removedSetAside: 1 });
    // Only the fresh backup of this vault is left, and the stranger.
    expect(backupFiles(backupsDir)).toEqual([erased.backup!.fileName, stranger].sort());
    const bytes = await decrypted(erased.backup!.fileName);
    expect(bytes.includes(Buffer.from('Xandra'))).toBe(false);
    expect(bytes.includes(Buffer.from('Geheimeopleiding'))).toBe(false);
  });

  it('erasure without a backup folder still erases, and says no backup could be made', async () => {
    const { api } = await makeUnlockedBackend();
    const student = await api.students.create({ displayName: 'Zonder Map', schoolType: 'havo' });
    const erased = await api.erasure.erase({ studentId: student.id, confirmName: 'Zonder Map' });
    expect(erased).toMatchObject({ ok: true, backup: null, backupError: 'BACKUP_FOLDER_UNSET', removedBackups: 0 });
    expect(await api.students.list({})).toEqual([]);
  });

  it('erasure keeps the older backups when the fresh one cannot be made, and says why', async () => {
    const { api, backupsDir } = await world();
    const student = await api.students.create({ displayName: 'Map Weg', schoolType: 'havo' });
    const first = await api.backups.run();
    const moved = `${backupsDir}-elders`;
    renameSync(backupsDir, moved);
    const erased = await api.erasure.erase({ studentId: student.id, confirmName: 'Map Weg' });
    expect(erased).toMatchObject({ ok: true, backup: null, backupError: 'BACKUP_FOLDER_MISSING', removedBackups: 0 });
    expect(backupFiles(moved)).toEqual([first.backup.fileName]);
  });
});

describe('restoring while the app keeps asking', () => {
  it('never reports the vault locked, nor refuses a request, during the swap', async () => {
    const { api, backend } = await world();
    await api.students.create({ displayName: 'Tijdens herstel', schoolType: 'havo' });
    const made = await api.backups.run();
    const seen = new Set<string>();
    let done = false;
    const restoring = api.backups.restore({ fileName: made.backup.fileName }).finally(() => { done = true; });
    while (!done) {
      const status = await backend.dispatch('vault:status', {});
      const list = await backend.dispatch('students:list', {});
      seen.add(status.ok ? (status.value as { state: string }).state : 'error');
      seen.add(list.ok ? 'listed' : (list.error.code as string));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await restoring;
    expect([...seen].sort()).toEqual(['listed', 'unlocked']);
  });
});

describe('backup progress', () => {
  it('tells the renderer how far a backup is and when it finished, with events instead of a poll', async () => {
    const { api, backend } = await world();
    await api.students.create({ displayName: 'Voortgang', schoolType: 'havo' });
    const seen: BackendEvent[] = [];
    backend.onEvent((event) => seen.push(event));
    const result = await api.backups.run();
    const names = seen.map((event) => event.name);
    expect(names.at(-1)).toBe('backup:finished');
    expect(seen.at(-1)).toEqual({ name: 'backup:finished', payload: { fileName: result.backup.fileName, automatic: false } });
    // Every event matches the contract the renderer checks it against.
    for (const event of seen) expect(parseEvent(event)).toEqual(event);
    expect(CHANNELS).not.toContain('backups:progress');
  });
});
