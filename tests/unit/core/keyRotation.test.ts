import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { readKeyFile, wrapAad, writeKeyFile } from '../../../electron/core/vault/keyFile';
import { wrapWithPassphrase } from '../../../electron/core/vault/keyWrap';
import { nodeFileOps } from '../../../electron/core/vault/fileOps';
import { VAULT_DB_FILE, VAULT_KEY_FILE } from '../../../electron/core/vault/vault';
import { FakeDeviceProtector, OTHER_PASSPHRASE, PASSPHRASE, TEST_SCRYPT, THIRD_PASSPHRASE, faultyFileOps, makeUnlockedBackend, osError } from '../helpers/core';

const head = (dir: string) => readFileSync(join(dir, VAULT_DB_FILE)).subarray(0, 64);

describe('key rotation', () => {
  it('re-encrypts with a new key: the passphrase still unlocks, only the new recovery key works, data kept', async () => {
    const device = new FakeDeviceProtector();
    const { api, dir, recoveryKey: oldRecovery, backend } = await makeUnlockedBackend({ device });
    const student = await api.students.create({ displayName: 'Rotatie Roos', schoolType: 'havo' });
    await api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE });
    backend.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const before = head(dir);
    const keyFileBefore = await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE));

    await expect(api.vault.rotateKey({ passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const { recoveryKey } = await api.vault.rotateKey({ passphrase: PASSPHRASE });
    expect(recoveryKey).not.toBe(oldRecovery);
    // Still unlocked and working on the same data through the new connection.
    expect((await api.students.get({ id: student.id })).displayName).toBe('Rotatie Roos');
    await api.students.create({ displayName: 'Na Rotatie', schoolType: 'vwo' });
    expect((await api.audit.list({ limit: 2 })).map((entry) => entry.kind)).toContain('vault.key_rotated');

    backend.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const after = head(dir);
    expect(after.equals(before)).toBe(false);
    const keyFileAfter = await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE));
    expect(keyFileAfter.vaultId).toBe(keyFileBefore.vaultId);
    expect(keyFileAfter.wraps.passphrase.ciphertext).not.toBe(keyFileBefore.wraps.passphrase.ciphertext);
    expect(keyFileAfter.wraps.device).toBeUndefined();
    expect(existsSync(join(dir, `${VAULT_KEY_FILE}.next`))).toBe(false);

    await api.vault.lock({});
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.students.list({})).toHaveLength(2);
    expect(backend.vault.database().pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backend.vault.database().pragma('journal_mode', { simple: true })).toBe('wal');

    await api.vault.lock({});
    await expect(api.vault.unlockWithRecoveryKey({ recoveryKey: oldRecovery, newPassphrase: THIRD_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
    await api.vault.unlockWithRecoveryKey({ recoveryKey, newPassphrase: THIRD_PASSPHRASE });
    expect(await api.students.list({})).toHaveLength(2);
  });

  it('the old data key no longer opens the database file', async () => {
    const { api, dir, backend } = await makeUnlockedBackend();
    const keyBefore = Buffer.from((backend.vault as unknown as { dataKey: Buffer }).dataKey);
    await api.vault.rotateKey({ passphrase: PASSPHRASE });
    await api.vault.lock({});
    expect(() => openDatabase(join(dir, VAULT_DB_FILE), { key: keyBefore }).close()).toThrow();
  });

  it('a failure before the rekey (key file cannot be written) leaves the vault on the old key', async () => {
    const faults = faultyFileOps();
    const { api, dir, recoveryKey } = await makeUnlockedBackend({ fileOps: faults.ops });
    await api.students.create({ displayName: 'Blijft', schoolType: 'havo' });
    faults.failWith((op, path) => (op === 'writeFile' && path.includes('vault.key.next') ? osError('ENOSPC') : undefined));
    await expect(api.vault.rotateKey({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'DISK_FULL' });
    faults.failWith(null);
    expect(existsSync(join(dir, `${VAULT_KEY_FILE}.next`))).toBe(false);
    expect(await api.students.list({})).toHaveLength(1);
    await api.vault.lock({});
    await api.vault.unlockWithRecoveryKey({ recoveryKey, newPassphrase: OTHER_PASSPHRASE });
    expect(await api.students.list({})).toHaveLength(1);
  });

  it('a failure after the rekey (new key file not yet in place) is completed at the next unlock', async () => {
    const faults = faultyFileOps();
    const { api, dir } = await makeUnlockedBackend({ fileOps: faults.ops });
    await api.students.create({ displayName: 'Blijft', schoolType: 'havo' });
    faults.failWith((op, path) => (op === 'rename' && path.endsWith('vault.key.next') ? osError('EACCES') : undefined));
    await expect(api.vault.rotateKey({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'DATA_DIR_NOT_WRITABLE' });
    faults.failWith(null);
    // The crash window: the database is under the new key, vault.key still wraps the old one.
    expect(existsSync(join(dir, `${VAULT_KEY_FILE}.next`))).toBe(true);
    await api.vault.lock({});
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(existsSync(join(dir, `${VAULT_KEY_FILE}.next`))).toBe(false);
    expect(await api.students.list({})).toHaveLength(1);
    await api.vault.lock({});
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.students.list({})).toHaveLength(1);
  });

  it('a leftover pending key file from a rotation that never rekeyed is dropped at unlock', async () => {
    const { api, dir } = await makeUnlockedBackend();
    await api.vault.lock({});
    // As after a crash right after vault.key.next was written: its key never encrypted the database.
    const current = await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE));
    const passphraseWrap = await wrapWithPassphrase(randomBytes(32), PASSPHRASE, wrapAad(current.vaultId, 'passphrase'), TEST_SCRYPT);
    await writeKeyFile(nodeFileOps, join(dir, `${VAULT_KEY_FILE}.next`), { ...current, wraps: { ...current.wraps, passphrase: passphraseWrap } });
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(existsSync(join(dir, `${VAULT_KEY_FILE}.next`))).toBe(false);
    expect((await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE))).wraps.passphrase.ciphertext).toBe(current.wraps.passphrase.ciphertext);
  });
});
