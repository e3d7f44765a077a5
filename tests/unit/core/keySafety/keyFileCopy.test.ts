import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { VAULT_KEY_COPY_FILE, VAULT_KEY_FILE } from '../../../../electron/core/vault/vault';
import { makeBackend, makeUnlockedBackend, OTHER_PASSPHRASE, PASSPHRASE, THIRD_PASSPHRASE } from '../../helpers/core';

// Issue 14: a key file that can be damaged, and the vault still opened.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a key file being damaged on purpose, field by field
type Loose = Record<string, any>;
const read = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Loose;

async function lockedVault() {
  const made = await makeUnlockedBackend();
  await made.api.students.create({ displayName: 'Bewaard', schoolType: 'havo' });
  await made.api.vault.lock();
  return made;
}

describe('the key file copy', () => {
  it('is written and verified beside the key file, and follows every change of it', async () => {
    const { api, dir } = await makeUnlockedBackend();
    expect(read(dir, VAULT_KEY_COPY_FILE)).toEqual(read(dir, VAULT_KEY_FILE));
    await api.vault.changePassphrase({ currentPassphrase: PASSPHRASE, newPassphrase: OTHER_PASSPHRASE });
    expect(read(dir, VAULT_KEY_COPY_FILE)).toEqual(read(dir, VAULT_KEY_FILE));
    // The old passphrase does not open the copy either.
    await api.vault.lock();
    writeFileSync(join(dir, VAULT_KEY_FILE), 'kapot');
    await expect(api.vault.unlock({ passphrase: PASSPHRASE, fromCopy: true })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await api.vault.unlock({ passphrase: OTHER_PASSPHRASE, fromCopy: true });
  });

  it('opens the vault when the key file is damaged, and repairs it; the damage is never a wrong passphrase nor counted', async () => {
    const { api, dir, backend } = await lockedVault();
    const intact = readFileSync(join(dir, VAULT_KEY_FILE), 'utf8');
    writeFileSync(join(dir, VAULT_KEY_FILE), intact.slice(0, 200));
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'KEYFILE_DAMAGED', params: { copy: 1 } });
    }
    // Six refusals, no waiting: the throttle counted none of them.
    expect((await api.vault.status()).retryAfterMs).toBe(0);
    await api.vault.unlock({ passphrase: PASSPHRASE, fromCopy: true });
    expect(readFileSync(join(dir, VAULT_KEY_FILE), 'utf8')).toBe(intact);
    const kinds = listAudit(backend.vault.database()).map((event) => event.kind);
    expect(kinds).toContain('vault.key_file_repaired');
    expect(kinds).not.toContain('vault.unlock_failed');
    expect((await api.students.list({ includeArchived: true })).map((s) => s.displayName)).toEqual(['Bewaard']);
    // Repaired: the next unlock needs no copy.
    await api.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
  });

  it('also with the recovery key, and when the key file is gone altogether', async () => {
    const { api, dir, recoveryKey } = await lockedVault();
    rmSync(join(dir, VAULT_KEY_FILE));
    await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'KEYFILE_DAMAGED', params: { copy: 1 } });
    await api.vault.unlockWithRecoveryKey({ recoveryKey, newPassphrase: THIRD_PASSPHRASE, fromCopy: true });
    expect(read(dir, VAULT_KEY_FILE)).toEqual(read(dir, VAULT_KEY_COPY_FILE));
    await api.vault.lock();
    await api.vault.unlock({ passphrase: THIRD_PASSPHRASE });
  });

  it('says so when both are damaged (the unlock screen then offers a backup with passphrase or recovery key)', async () => {
    const { api, dir } = await lockedVault();
    writeFileSync(join(dir, VAULT_KEY_FILE), '{}');
    writeFileSync(join(dir, VAULT_KEY_COPY_FILE), '');
    await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'KEYFILE_DAMAGED', params: { copy: 0 } });
    await expect(api.vault.unlock({ passphrase: PASSPHRASE, fromCopy: true })).rejects.toMatchObject({ code: 'KEYFILE_DAMAGED', params: { copy: 0 } });
    expect((await api.vault.status()).retryAfterMs).toBe(0);
  });

  it('is put back by an unlock when it is missing (a vault from before the copy existed)', async () => {
    const { api, dir } = await lockedVault();
    rmSync(join(dir, VAULT_KEY_COPY_FILE));
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(read(dir, VAULT_KEY_COPY_FILE)).toEqual(read(dir, VAULT_KEY_FILE));
  });
});

describe('a crafted key file', () => {
  const cases: [string, (keyFile: Loose) => void][] = [
    ['a zero-length salt', (k) => { k.wraps.passphrase.salt = ''; }],
    ['N = 2^30', (k) => { k.wraps.passphrase.params.N = 2 ** 30; }],
    ['r = 1000', (k) => { k.wraps.passphrase.params.r = 1000; }],
    ['version 0', (k) => { k.version = 0; }],
    ['version "1"', (k) => { k.version = '1'; }],
    ['version 2 (beside an intact copy of version 1)', (k) => { k.version = 2; }],
    ['a short tag', (k) => { k.wraps.passphrase.tag = Buffer.alloc(8).toString('base64'); }],
    ['a long ciphertext', (k) => { k.wraps.recovery.ciphertext = Buffer.alloc(64).toString('base64'); }],
    ['an unknown kdf', (k) => { k.wraps.passphrase.kdf = 'argon2'; }],
    ['a previous key of the wrong length', (k) => { k.previousKeys = [{ era: 'x', salt: '', iv: '', tag: '', ciphertext: 'A'.repeat(100_000), retiredAt: '' }]; }],
    ['an extra field', (k) => { k.wraps.passphrase.hint = 'mijn hond'; }],
  ];
  it.each(cases)('with %s is KEYFILE_DAMAGED at once, not a wrong passphrase, not counted', async (_name, damage) => {
    const { api, dir } = await lockedVault();
    const keyFile = read(dir, VAULT_KEY_FILE);
    damage(keyFile);
    writeFileSync(join(dir, VAULT_KEY_FILE), JSON.stringify(keyFile));
    const started = performance.now();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'KEYFILE_DAMAGED', params: { copy: 1 } });
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await api.vault.status()).retryAfterMs).toBe(0);
    await api.vault.unlock({ passphrase: PASSPHRASE, fromCopy: true });
  });

  it('of a newer version in both places is VAULT_TOO_NEW (a newer app wrote it)', async () => {
    const { api, dir } = await lockedVault();
    for (const name of [VAULT_KEY_FILE, VAULT_KEY_COPY_FILE]) {
      const keyFile = read(dir, name);
      keyFile.version = 2;
      writeFileSync(join(dir, name), JSON.stringify(keyFile));
    }
    await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'VAULT_TOO_NEW' });
  });

  it('a huge file is refused before it is read', async () => {
    const { api, dir } = makeBackend();
    await api.vault.create({ passphrase: PASSPHRASE });
    await api.vault.lock();
    writeFileSync(join(dir, VAULT_KEY_FILE), Buffer.alloc(50 * 1024 * 1024, 0x20));
    await expect(api.vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'KEYFILE_DAMAGED', params: { copy: 1 } });
  });
});
