import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import { nodeFileOps } from '../../../electron/core/vault/fileOps';
import { readKeyFile, wrapAad } from '../../../electron/core/vault/keyFile';
import { unwrapWithPassphrase } from '../../../electron/core/vault/keyWrap';
import { FREE_ATTEMPTS, MAX_DELAY_MS, delayAfter } from '../../../electron/core/vault/unlockThrottle';
import { THROTTLE_FILE, THROTTLE_MIRROR_FILE, VAULT_DB_FILE, VAULT_KEY_COPY_FILE, VAULT_KEY_FILE, Vault } from '../../../electron/core/vault/vault';
import {
  FakeClock, OTHER_PASSPHRASE, PASSPHRASE, THIRD_PASSPHRASE, TEST_SCRYPT, expectAppError, faultyFileOps,
  hashFolder, makeBackend, makeVault, osError,
} from '../helpers/core';
import { makeReadOnly, tempDir } from '../helpers/tempDir';

/** A locked vault with one student in it, ready to be damaged. */
async function lockedVault(rows = 1) {
  const made = makeVault();
  const { recoveryKey } = await made.vault.create(PASSPHRASE);
  const insert = made.vault.database().prepare(
    `INSERT INTO students (id, display_name, school_type, programme, created_at, updated_at) VALUES (?, ?, 'havo', ?, 'x', 'x')`,
  );
  made.vault.database().transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`s${i}`, `Leerling ${i}`, 'p'.repeat(400));
  })();
  made.vault.lock();
  return { ...made, recoveryKey, dbPath: join(made.dir, VAULT_DB_FILE), keyPath: join(made.dir, VAULT_KEY_FILE) };
}

/** Runs a failing call and checks that it left every file (but the attempts counter) as it was. */
async function expectUntouched(dir: string, call: () => Promise<unknown>, code: Parameters<typeof expectAppError>[1]) {
  const before = hashFolder(dir, [THROTTLE_FILE, THROTTLE_MIRROR_FILE]);
  await expectAppError(call(), code);
  expect(hashFolder(dir, [THROTTLE_FILE, THROTTLE_MIRROR_FILE])).toEqual(before);
}

describe('wrong secrets', () => {
  it('a wrong passphrase is refused and changes nothing', async () => {
    const { vault, dir } = await lockedVault();
    await expectUntouched(dir, () => vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSPHRASE);
    expect(vault.database().prepare('SELECT count(*) FROM students').pluck().get()).toBe(1);
  });

  it('a wrong or malformed recovery key is refused and sets no passphrase', async () => {
    const { vault, dir, clock, recoveryKey } = await lockedVault();
    const other = await makeVault().vault.create(PASSPHRASE);
    expect(other.recoveryKey).not.toBe(recoveryKey);
    const wrongKeys = [
      other.recoveryKey, // well-formed, another vault's
      'ABCD-EFGH', // too short
      `${recoveryKey}-ABCD`, // too long
      recoveryKey.replace(/^./, 'U'), // U is not in Crockford base32
      recoveryKey.replace(/^./, '!'),
      'x'.repeat(32),
    ];
    for (const wrong of wrongKeys) {
      clock.advance(MAX_DELAY_MS); // stay clear of the throttle
      await expectUntouched(dir, () => vault.unlockWithRecoveryKey(wrong, OTHER_PASSPHRASE), 'WRONG_RECOVERY_KEY');
    }
    // A weak new passphrase is refused before the key is even tried.
    await expectUntouched(dir, () => vault.unlockWithRecoveryKey(recoveryKey, 'kort'), 'WEAK_PASSPHRASE');
    expect(vault.isUnlocked).toBe(false);
    clock.advance(MAX_DELAY_MS);
    await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    clock.advance(MAX_DELAY_MS);
    await vault.unlock(PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });
});

describe('unlock throttle', () => {
  it('delays after three wrong attempts, doubling, across restarts, until a success resets it', async () => {
    const { vault, dir, clock } = await lockedVault();
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      expect(await vault.retryAfterMs()).toBe(0);
      await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    }
    expect(await vault.retryAfterMs()).toBe(1000);
    // Even the right passphrase waits, and a refused attempt is not counted as another failure.
    const refused = await expectAppError(vault.unlock(PASSPHRASE), 'UNLOCK_THROTTLED');
    expect(refused.params).toEqual({ seconds: 1 });
    expect(vault.isUnlocked).toBe(false);
    clock.advance(999);
    await expectAppError(vault.unlock(PASSPHRASE), 'UNLOCK_THROTTLED');
    expect(await vault.retryAfterMs()).toBe(1);

    clock.advance(1);
    await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    expect(await vault.retryAfterMs()).toBe(2000);
    clock.advance(2000);
    await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    expect(await vault.retryAfterMs()).toBe(4000);
    expect((await expectAppError(vault.unlock(PASSPHRASE), 'UNLOCK_THROTTLED')).params).toEqual({ seconds: 4 });

    // A restart (new instance, same folder) keeps the count and the wait.
    const restarted = new Vault({ dataDir: dir, appVersion: 't', now: clock.now, scryptParams: TEST_SCRYPT });
    expect(await restarted.retryAfterMs()).toBe(4000);
    await expectAppError(restarted.unlock(PASSPHRASE), 'UNLOCK_THROTTLED');
    // The recovery key is throttled by the same counter.
    await expectAppError(restarted.unlockWithRecoveryKey('0000-0000-0000-0000-0000-0000-0000-0000', OTHER_PASSPHRASE), 'UNLOCK_THROTTLED');
    expect(JSON.parse(readFileSync(join(dir, THROTTLE_FILE), 'utf8'))).toEqual({ failures: 5, lastFailureAt: clock.ms });

    clock.advance(4000);
    await restarted.unlock(PASSPHRASE);
    expect(listAudit(restarted.database()).slice(0, 2).map((e) => [e.kind, e.detail])).toEqual([
      ['vault.unlocked', { method: 'passphrase' }],
      ['vault.unlock_failed', { count: 5 }],
    ]);
    restarted.lock();
    expect(await restarted.retryAfterMs()).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, THROTTLE_FILE), 'utf8'))).toEqual({ failures: 0, lastFailureAt: 0 });

    // After the reset, three free attempts again.
    for (let i = 0; i < FREE_ATTEMPTS; i++) await expectAppError(restarted.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    await expectAppError(restarted.unlock(PASSPHRASE), 'UNLOCK_THROTTLED');
  });

  it('delays grow 1 s, 2 s, 4 s … and stop at five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(delayAfter)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16000]);
    expect(delayAfter(30)).toBe(5 * 60_000);
    expect(delayAfter(1000)).toBe(5 * 60_000);
  });

  it('vault:status reports the wait', async () => {
    const { api, clock } = makeBackend();
    await api.vault.create({ passphrase: PASSPHRASE });
    await api.vault.lock();
    for (let i = 0; i < FREE_ATTEMPTS + 1; i++) {
      clock.advance(60_000);
      await expect(api.vault.unlock({ passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    }
    expect((await api.vault.status()).retryAfterMs).toBe(2000);
    await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'UNLOCK_THROTTLED', params: { seconds: 2 } });
  });
});

describe('damaged or foreign files', () => {
  it.each([
    ['garbage', 'this is {not json'],
    ['empty', ''],
    ['null', 'null'],
    ['wrong shape', JSON.stringify({ format: 'loopbaandialoog-vault-key', version: 1, vaultId: 'nope', wraps: {} })],
    ['another format', JSON.stringify({ hello: 'world' })],
  ])('a key file that is %s → KEYFILE_DAMAGED', async (_name, content) => {
    const { vault, dir, keyPath } = await lockedVault();
    const original = readFileSync(keyPath);
    writeFileSync(keyPath, content);
    await expectUntouched(dir, () => vault.unlock(PASSPHRASE), 'KEYFILE_DAMAGED');
    await expectUntouched(dir, () => vault.unlockWithRecoveryKey('0000-0000-0000-0000-0000-0000-0000-0000', OTHER_PASSPHRASE), 'KEYFILE_DAMAGED');
    expect(await vault.retryAfterMs()).toBe(0); // a damaged file is not a wrong guess
    writeFileSync(keyPath, original);
    await vault.unlock(PASSPHRASE);
  });

  it('a key file from a newer version → VAULT_TOO_NEW (when its copy says so too; alone it is damage, see keyFileCopy.test.ts)', async () => {
    const { vault, dir, keyPath } = await lockedVault();
    const original = readFileSync(keyPath);
    writeFileSync(keyPath, JSON.stringify({ ...JSON.parse(original.toString('utf8')), version: 2 }));
    writeFileSync(join(dir, VAULT_KEY_COPY_FILE), JSON.stringify({ ...JSON.parse(original.toString('utf8')), version: 2 }));
    const error = await expectAppError(vault.unlock(PASSPHRASE), 'VAULT_TOO_NEW');
    expect(error.params).toEqual({ found: 2, supported: 1 });
    await expectUntouched(dir, () => vault.unlock(PASSPHRASE), 'VAULT_TOO_NEW');
    writeFileSync(keyPath, original);
    await vault.unlock(PASSPHRASE);
  });

  it('a missing database beside a key file → VAULT_MISSING', async () => {
    const { vault, dir, dbPath } = await lockedVault();
    const original = readFileSync(dbPath);
    unlinkSync(dbPath);
    await expectUntouched(dir, () => vault.unlock(PASSPHRASE), 'VAULT_MISSING');
    writeFileSync(dbPath, original);
    await vault.unlock(PASSPHRASE);
  });

  it.each([
    ['to 100 bytes', 1, () => 100],
    ['to half, with many pages', 400, (size: number) => Math.floor(size / 2)],
    ['to nothing', 1, () => 0],
  ])('a vault database truncated %s → VAULT_DAMAGED', async (_name, rows, newSize) => {
    const { vault, dir, dbPath } = await lockedVault(rows);
    const original = readFileSync(dbPath);
    if (rows > 1) expect(original.length).toBeGreaterThan(40 * 4096);
    truncateSync(dbPath, newSize(original.length));
    await expectUntouched(dir, () => vault.unlock(PASSPHRASE), 'VAULT_DAMAGED');
    expect(readdirSync(dir).sort()).toEqual([VAULT_DB_FILE, VAULT_KEY_FILE, VAULT_KEY_COPY_FILE]);
    expect(vault.isUnlocked).toBe(false);
    expect(await vault.retryAfterMs()).toBe(0);
    writeFileSync(dbPath, original);
    await vault.unlock(PASSPHRASE);
    expect(vault.database().prepare('SELECT count(*) FROM students').pluck().get()).toBe(rows);
  });

  it('a plain, unencrypted SQLite file in place of the vault → VAULT_FOREIGN', async () => {
    const { vault, dir, dbPath } = await lockedVault();
    const original = readFileSync(dbPath);
    const other = join(tempDir(), 'plain.db');
    const plain = openDatabase(other, { key: null });
    migrate(plain);
    plain.close();
    copyFileSync(other, dbPath);
    await expectUntouched(dir, () => vault.unlock(PASSPHRASE), 'VAULT_FOREIGN');
    writeFileSync(dbPath, original);
    await vault.unlock(PASSPHRASE);
  });

  it("another vault's database (same passphrase, other key) → VAULT_DAMAGED or VAULT_FOREIGN", async () => {
    const mine = await lockedVault();
    const theirs = await lockedVault();
    const original = readFileSync(mine.dbPath);
    copyFileSync(theirs.dbPath, mine.dbPath);
    const before = hashFolder(mine.dir, [THROTTLE_FILE]);
    const error = await mine.vault.unlock(PASSPHRASE).then(() => null, (e: unknown) => e as { code?: string });
    expect(['VAULT_DAMAGED', 'VAULT_FOREIGN']).toContain(error?.code);
    expect(hashFolder(mine.dir, [THROTTLE_FILE])).toEqual(before);
    writeFileSync(mine.dbPath, original);
    await mine.vault.unlock(PASSPHRASE);
  });

  it('a vault database from a newer app version → VAULT_TOO_NEW, file unchanged', async () => {
    const { vault, dir, dbPath, keyPath } = await lockedVault();
    // Test-only route to the data key: unwrap it from the key file as the vault would.
    const keyFile = await readKeyFile(nodeFileOps, keyPath);
    const dataKey = await unwrapWithPassphrase(keyFile.wraps.passphrase, PASSPHRASE, wrapAad(keyFile.vaultId, 'passphrase'));
    expect(dataKey).not.toBeNull();
    const db = openDatabase(dbPath, { key: dataKey! });
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    expect(readdirSync(dir).sort()).toEqual([VAULT_DB_FILE, VAULT_KEY_FILE, VAULT_KEY_COPY_FILE]);

    const error = await expectAppError(vault.unlock(PASSPHRASE), 'VAULT_TOO_NEW');
    expect(error.params).toEqual({ found: LATEST_SCHEMA_VERSION + 1, supported: LATEST_SCHEMA_VERSION });
    await expectUntouched(dir, () => vault.unlock(PASSPHRASE), 'VAULT_TOO_NEW');
    expect(readdirSync(dir).sort()).toEqual([VAULT_DB_FILE, VAULT_KEY_FILE, VAULT_KEY_COPY_FILE]);

    const check = openDatabase(dbPath, { key: dataKey!, readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(check.prepare('SELECT count(*) FROM students').pluck().get()).toBe(1);
    check.close();
  });
});

describe('file-system failures', () => {
  it.each([
    ['EACCES', 'DATA_DIR_NOT_WRITABLE'],
    ['EROFS', 'DATA_DIR_NOT_WRITABLE'],
    ['ENOSPC', 'DISK_FULL'],
  ] as const)('create with %s on the key file → %s, nothing half-made, retry works', async (osCode, appCode) => {
    const faults = faultyFileOps();
    const { api, backend, dir } = makeBackend({ fileOps: faults.ops });
    faults.failWith((op, path) => (op === 'writeFile' && path.startsWith(join(dir, VAULT_KEY_FILE)) ? osError(osCode) : undefined));

    await expect(api.vault.create({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: appCode });
    expect(faults.calls.some((c) => c.op === 'writeFile' && c.path.startsWith(join(dir, VAULT_KEY_FILE)))).toBe(true);
    expect(backend.vault.isUnlocked).toBe(false);
    expect((await api.vault.status()).state).toBe('none');
    expect(readdirSync(dir)).toEqual([]);

    faults.failWith(null);
    await api.vault.create({ passphrase: PASSPHRASE });
    expect((await api.vault.status()).state).toBe('unlocked');
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
  });

  it('create where the folder cannot be made → DATA_DIR_NOT_WRITABLE', async () => {
    const faults = faultyFileOps();
    const dir = join(tempDir(), 'nested');
    const { vault } = makeVault({ dataDir: dir, fileOps: faults.ops });
    faults.failWith((op) => (op === 'mkdir' ? osError('EACCES') : undefined));
    await expectAppError(vault.create(PASSPHRASE), 'DATA_DIR_NOT_WRITABLE');
    expect(existsSync(dir)).toBe(false);
  });

  it('changePassphrase on a full disk → DISK_FULL, old key file byte-identical, old passphrase still works', async () => {
    const faults = faultyFileOps();
    const { vault, dir } = makeVault({ fileOps: faults.ops });
    await vault.create(PASSPHRASE);
    const keyPath = join(dir, VAULT_KEY_FILE);
    const keyBefore = readFileSync(keyPath);
    faults.failWith((op, path) => (op === 'writeFile' && path.startsWith(keyPath) ? osError('ENOSPC') : undefined));

    await expectAppError(vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE), 'DISK_FULL');
    expect(readFileSync(keyPath).equals(keyBefore)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
    // The vault stays usable and keeps the old passphrase in memory as well as on disk.
    expect(vault.isUnlocked).toBe(true);
    faults.failWith(null);
    await expectAppError(vault.changePassphrase(OTHER_PASSPHRASE, THIRD_PASSPHRASE), 'WRONG_PASSPHRASE');
    vault.lock();
    await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    await vault.unlock(PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });

  it('a failing rename (after the temporary file is written) leaves the old key file too', async () => {
    const faults = faultyFileOps();
    const { vault, dir } = makeVault({ fileOps: faults.ops });
    await vault.create(PASSPHRASE);
    const keyPath = join(dir, VAULT_KEY_FILE);
    const keyBefore = readFileSync(keyPath);
    faults.failWith((op, path) => (op === 'rename' && path.startsWith(keyPath) ? osError('EIO') : undefined));
    await expectAppError(vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE), 'INTERNAL');
    expect(readFileSync(keyPath).equals(keyBefore)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) console.log('Skipping the real chmod 0o500 test: running as root, which ignores folder permissions.');
  it.skipIf(isRoot || process.platform === 'win32')('a real read-only data folder → DATA_DIR_NOT_WRITABLE, nothing left behind', async () => {
    const dir = join(tempDir(), 'readonly');
    mkdirSync(dir);
    makeReadOnly(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o500);
    const { api } = makeBackend({ dataDir: dir });
    await expect(api.vault.create({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'DATA_DIR_NOT_WRITABLE' });
    expect(readdirSync(dir)).toEqual([]);
    expect((await api.vault.status()).state).toBe('none');
  });
});

describe('clock', () => {
  it('the audit log uses the injected clock', async () => {
    const clock = new FakeClock(Date.UTC(2030, 0, 2, 3, 4, 5));
    const { vault } = makeVault({ clock });
    await vault.create(PASSPHRASE);
    expect(listAudit(vault.database())[0]).toMatchObject({ kind: 'vault.created', at: '2030-01-02T03:04:05.000Z' });
  });
});
