import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import { readKeyFile, wrapAad } from '../../../electron/core/vault/keyFile';
import { SCRYPT_PARAMS, unwrapWithPassphrase } from '../../../electron/core/vault/keyWrap';
import { nodeFileOps } from '../../../electron/core/vault/fileOps';
import { THROTTLE_FILE, THROTTLE_MIRROR_FILE, VAULT_DB_FILE, VAULT_KEY_COPY_FILE, VAULT_KEY_FILE, Vault } from '../../../electron/core/vault/vault';
import { PREFERENCES_FILE } from '../../../electron/core/preferences';
import {
  FakeDeviceProtector, OTHER_PASSPHRASE, PASSPHRASE, TEST_SCRYPT, THIRD_PASSPHRASE, expectAppError, filesContaining,
  makeBackend, makeUnlockedBackend, makeVault, sha256,
} from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const STUDENT_NAME = 'Femke Jansen-Oudewater';

async function dataKeyOf(dir: string, passphrase: string): Promise<Buffer | null> {
  const keyFile = await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE));
  return unwrapWithPassphrase(keyFile.wraps.passphrase, passphrase, wrapAad(keyFile.vaultId, 'passphrase'));
}

describe('vault lifecycle', () => {
  it('creates, locks and unlocks with the passphrase, keeping the data', async () => {
    const { api, backend, recoveryKey } = await makeUnlockedBackend();
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect((await api.vault.status()).state).toBe('unlocked');

    const created = await api.students.create({ displayName: STUDENT_NAME, schoolType: 'vmbo-k' });
    await api.vault.lock();
    expect((await api.vault.status()).state).toBe('locked');
    expect(backend.vault.isUnlocked).toBe(false);

    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.vault.status()).state).toBe('unlocked');
    expect(await api.students.list()).toEqual([created]);
  });

  it('keeps every file in the data folder free of plain SQLite headers and student names', async () => {
    const { api, dir } = await makeUnlockedBackend();
    await api.settings.setLanguage({ language: 'en' });
    await api.students.create({ displayName: STUDENT_NAME, schoolType: 'havo', mentor: 'Meester Bakhuizen' });
    await api.vault.lock();
    // One wrong attempt, so that the attempts file exists too and is checked.
    await expect(api.vault.unlock({ passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });

    const files = readdirSync(dir).sort();
    expect(files).toEqual([PREFERENCES_FILE, THROTTLE_FILE, THROTTLE_MIRROR_FILE, VAULT_DB_FILE, VAULT_KEY_FILE, VAULT_KEY_COPY_FILE].sort());
    expect(readFileSync(join(dir, VAULT_DB_FILE)).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
    expect(filesContaining(dir, 'Jansen')).toEqual([]);
    expect(filesContaining(dir, 'Bakhuizen')).toEqual([]);

    // While unlocked the changes sit in the WAL; that file must be just as opaque.
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await api.students.create({ displayName: 'Yusuf Demirtaş', schoolType: 'vwo' });
    expect(readdirSync(dir)).toContain(`${VAULT_DB_FILE}-wal`);
    expect(filesContaining(dir, 'Demirtaş')).toEqual([]);
    expect(filesContaining(dir, 'Jansen')).toEqual([]);
  });

  it('the name scan itself finds a name in an unencrypted database (control)', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'plain.db'), { key: null });
    migrate(db);
    db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s1', ?, 'havo', 'x', 'x')`)
      .run(STUDENT_NAME);
    db.close();
    expect(filesContaining(dir, 'Jansen')).toEqual(['plain.db']);
    expect(readFileSync(join(dir, 'plain.db')).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });

  it('unlocks with the recovery key, which sets a new passphrase and retires the old one', async () => {
    const { vault, dir } = makeVault();
    const { recoveryKey } = await vault.create(PASSPHRASE);
    const id = vault.database().prepare('SELECT vault_id FROM vault_meta').pluck().get();
    vault.lock();

    await vault.unlockWithRecoveryKey(recoveryKey, OTHER_PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
    expect(vault.database().prepare('SELECT vault_id FROM vault_meta').pluck().get()).toBe(id);
    vault.lock();

    await expectAppError(vault.unlock(PASSPHRASE), 'WRONG_PASSPHRASE');
    await vault.unlock(OTHER_PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
    vault.lock();

    // Typed by hand: lowercase, spaces instead of dashes.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    expect(typed).not.toBe(recoveryKey);
    await vault.unlockWithRecoveryKey(typed, THIRD_PASSPHRASE);
    vault.lock();
    await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    await vault.unlock(THIRD_PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
    expect(existsSync(join(dir, VAULT_KEY_FILE))).toBe(true);
  });

  it('refuses a recovery-key "unlock" while unlocked, so it cannot bypass the current passphrase', async () => {
    const { vault } = makeVault();
    await vault.create(PASSPHRASE);
    await expectAppError(vault.unlockWithRecoveryKey('not a recovery key at all', OTHER_PASSPHRASE), 'VAULT_UNLOCKED');
    vault.lock();
    await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    await vault.unlock(PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });

  it('changes the passphrase by re-wrapping the same data key, without re-encrypting the database', async () => {
    const { vault, dir } = makeVault();
    await vault.create(PASSPHRASE);
    const dbPath = join(dir, VAULT_DB_FILE);
    const keyBefore = await dataKeyOf(dir, PASSPHRASE);
    const recoveryWrapBefore = (await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE))).wraps.recovery;
    // Fold the WAL into the database file, so that its bytes are the whole vault.
    vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const dbBefore = readFileSync(dbPath);

    await expectAppError(vault.changePassphrase(OTHER_PASSPHRASE, THIRD_PASSPHRASE), 'WRONG_PASSPHRASE');
    await expectAppError(vault.changePassphrase(PASSPHRASE, 'kort'), 'WEAK_PASSPHRASE');
    await vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);

    expect(sha256(readFileSync(dbPath))).toBe(sha256(dbBefore));
    const keyAfter = await dataKeyOf(dir, OTHER_PASSPHRASE);
    expect(keyBefore).not.toBeNull();
    expect(keyAfter?.equals(keyBefore!)).toBe(true);
    expect(await dataKeyOf(dir, PASSPHRASE)).toBeNull();
    expect((await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE))).wraps.recovery).toEqual(recoveryWrapBefore);

    vault.lock();
    // The pre-change copy of the database still opens with the key the new passphrase unwraps.
    const copy = join(tempDir(), 'copy.db');
    writeFileSync(copy, dbBefore);
    const db = openDatabase(copy, { key: keyAfter! });
    expect(db.prepare('SELECT count(*) FROM vault_meta').pluck().get()).toBe(1);
    db.close();

    await expectAppError(vault.unlock(PASSPHRASE), 'WRONG_PASSPHRASE');
    await vault.unlock(OTHER_PASSPHRASE);
    expect(listAudit(vault.database()).map((e) => e.kind)).toContain('vault.passphrase_changed');
  });

  it('lock closes the database and forgets the key', async () => {
    const { vault } = makeVault();
    await vault.create(PASSPHRASE);
    const db = vault.database();
    const events: string[] = [];
    vault.onChange((event) => events.push(event));
    vault.lock();
    expect(events).toEqual(['locked']);
    expect(vault.isUnlocked).toBe(false);
    expect(db.open).toBe(false);
    expect(() => vault.database()).toThrowError(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    await expectAppError(vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE), 'VAULT_LOCKED');
    await expectAppError(vault.setDeviceUnlock(true, PASSPHRASE), 'VAULT_LOCKED');
  });

  it('refuses to create over an existing vault, and refuses a weak passphrase', async () => {
    const { vault, dir } = makeVault();
    await expectAppError(vault.create('kort'), 'WEAK_PASSPHRASE');
    await expectAppError(vault.create('wachtwoord123'), 'WEAK_PASSPHRASE');
    expect(readdirSync(dir)).toEqual([]);

    await vault.create(PASSPHRASE);
    await expectAppError(vault.create(OTHER_PASSPHRASE), 'VAULT_UNLOCKED');
    vault.lock();
    const keyBytes = readFileSync(join(dir, VAULT_KEY_FILE));
    await expectAppError(vault.create(OTHER_PASSPHRASE), 'VAULT_EXISTS');
    // Also after a restart, through a fresh instance.
    await expectAppError(new Vault({ dataDir: dir, appVersion: 't', scryptParams: TEST_SCRYPT }).create(OTHER_PASSPHRASE), 'VAULT_EXISTS');
    expect(readFileSync(join(dir, VAULT_KEY_FILE)).equals(keyBytes)).toBe(true);
    await vault.unlock(PASSPHRASE);
  });

  it('creates a missing, nested data folder', async () => {
    const dir = join(tempDir(), 'does', 'not', 'exist', 'yet');
    const { api } = makeBackend({ dataDir: dir });
    expect((await api.vault.status()).state).toBe('none');
    await api.vault.create({ passphrase: PASSPHRASE });
    expect(readdirSync(dir)).toEqual(expect.arrayContaining([VAULT_DB_FILE, VAULT_KEY_FILE]));
    expect((await api.vault.status()).state).toBe('unlocked');
  });

  it('unlocks with a device protector, and refuses when the protector is unavailable', async () => {
    const device = new FakeDeviceProtector(true);
    const { backend, api, dir } = await makeUnlockedBackend({ device });
    expect(await api.vault.status()).toMatchObject({ deviceUnlockAvailable: true, deviceUnlockEnabled: false });
    await api.vault.lock();
    await expect(api.vault.unlockWithDevice()).rejects.toMatchObject({ code: 'DEVICE_UNLOCK_UNAVAILABLE' }); // not enabled

    await api.vault.unlock({ passphrase: PASSPHRASE });
    await api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE });
    const keyFile = await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE));
    expect(keyFile.wraps.device?.kdf).toBe('os');
    await api.vault.lock();
    expect(await api.vault.status()).toMatchObject({ state: 'locked', deviceUnlockEnabled: true });

    await api.vault.unlockWithDevice();
    expect(backend.vault.isUnlocked).toBe(true);
    expect(listAudit(backend.vault.database())[0]).toMatchObject({ kind: 'vault.unlocked', detail: { method: 'device' } });
    await api.vault.lock();

    device.available = false;
    expect((await api.vault.status()).deviceUnlockAvailable).toBe(false);
    await expect(api.vault.unlockWithDevice()).rejects.toMatchObject({ code: 'DEVICE_UNLOCK_UNAVAILABLE' });
    expect(backend.vault.isUnlocked).toBe(false);
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await expect(api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'DEVICE_UNLOCK_UNAVAILABLE' });

    // Switching it off removes the wrap.
    device.available = true;
    await api.vault.setDeviceUnlock({ enabled: false });
    expect((await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE))).wraps.device).toBeUndefined();
    await api.vault.lock();
    await expect(api.vault.unlockWithDevice()).rejects.toMatchObject({ code: 'DEVICE_UNLOCK_UNAVAILABLE' });
  });

  it('a vault without a device protector reports device unlock as unavailable', async () => {
    const { vault } = makeVault();
    await vault.create(PASSPHRASE);
    expect(vault.deviceUnlockAvailable()).toBe(false);
    vault.lock();
    await expectAppError(vault.unlockWithDevice(), 'DEVICE_UNLOCK_UNAVAILABLE');
  });

  it('works with the real (default) scrypt parameters', async () => {
    const dir = tempDir();
    const vault = new Vault({ dataDir: dir, appVersion: 't' });
    try {
      await vault.create(PASSPHRASE);
      const keyFile = await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE));
      expect(keyFile.wraps.passphrase.params).toEqual(SCRYPT_PARAMS);
      expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
      vault.lock();
      await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
      await vault.unlock(PASSPHRASE);
      expect(vault.isUnlocked).toBe(true);
    } finally {
      vault.lock();
    }
  });
});
