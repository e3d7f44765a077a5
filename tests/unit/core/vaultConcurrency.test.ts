import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { type FileOps, nodeFileOps } from '../../../electron/core/vault/fileOps';
import { PENDING_KEY_SUFFIX, VAULT_KEY_FILE, type Vault } from '../../../electron/core/vault/vault';
import { OTHER_PASSPHRASE, PASSPHRASE, TEST_SCRYPT, THIRD_PASSPHRASE, expectAppError, makeVault } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { makePendingVault } from './pendingMigrationVault';

// Issue 12: lock(), unlock, restore and key rotation running into each other. Each test starts
// the second operation from inside the first one, at a file operation the first one awaits, so
// the interleaving is the same on every run (no timers).

type Hook = (op: keyof FileOps, path: string, rest: unknown[]) => void;

/** Real file operations that call `hook` (when set) just before each one runs. */
function hookedOps(): { ops: FileOps; on(hook: Hook | null): void } {
  let hook: Hook | null = null;
  const wrap = <K extends keyof FileOps>(op: K) =>
    (async (path: string, ...rest: unknown[]) => {
      hook?.(op, path, rest);
      return (nodeFileOps[op] as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as FileOps[K];
  const ops: FileOps = {
    readFile: wrap('readFile'), writeFile: wrap('writeFile'), writeFileFrom: wrap('writeFileFrom'), fsyncFile: wrap('fsyncFile'),
    rename: wrap('rename'), unlink: wrap('unlink'), mkdir: wrap('mkdir'), exists: wrap('exists'),
  };
  return { ops, on: (next) => { hook = next; } };
}

function events(vault: Vault): string[] {
  const heard: string[] = [];
  vault.onChange((event) => heard.push(event));
  return heard;
}

async function createdVault() {
  const hooks = hookedOps();
  const made = makeVault({ fileOps: hooks.ops });
  const { recoveryKey } = await made.vault.create(PASSPHRASE);
  return { ...made, hooks, recoveryKey };
}

describe('lock() during a key rotation', () => {
  it('after the rekey: the rotation completes and the vault ends locked, not reopened', async () => {
    const { vault, dir, hooks } = await createdVault();
    const heard = events(vault);
    let pendingWritten = false;
    let locked = false;
    hooks.on((op, path, rest) => {
      if (op === 'rename' && rest[0] === join(dir, VAULT_KEY_FILE + PENDING_KEY_SUFFIX)) pendingWritten = true;
      // The verify step's first call: the database is under the new key by now.
      if (op === 'exists' && pendingWritten && !locked && path === vault.dbPath) {
        locked = true;
        vault.lock();
      }
    });
    const { recoveryKey } = await vault.rotateKey(PASSPHRASE);
    hooks.on(null);
    expect(locked).toBe(true);
    expect(vault.isUnlocked).toBe(false);
    expect(heard.at(-1)).toBe('locked');
    // The key file on disk opens the rekeyed database, with the passphrase and with the new recovery key.
    expect(existsSync(join(dir, VAULT_KEY_FILE + PENDING_KEY_SUFFIX))).toBe(false);
    await vault.unlock(PASSPHRASE);
    vault.lock();
    await vault.unlockWithRecoveryKey(recoveryKey, PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });

  it('before the rekey: the rotation is refused (VAULT_LOCKED), its pending key file removed, the old key kept', async () => {
    const { vault, dir, hooks, recoveryKey } = await createdVault();
    const keyBefore = readFileSync(join(dir, VAULT_KEY_FILE), 'utf8');
    let locked = false;
    hooks.on((op, _path, rest) => {
      if (op === 'rename' && rest[0] === join(dir, VAULT_KEY_FILE + PENDING_KEY_SUFFIX) && !locked) {
        locked = true;
        vault.lock();
      }
    });
    await expectAppError(vault.rotateKey(PASSPHRASE), 'VAULT_LOCKED');
    hooks.on(null);
    expect(vault.isUnlocked).toBe(false);
    expect(existsSync(join(dir, VAULT_KEY_FILE + PENDING_KEY_SUFFIX))).toBe(false);
    expect(readFileSync(join(dir, VAULT_KEY_FILE), 'utf8')).toBe(keyBefore);
    await vault.unlockWithRecoveryKey(recoveryKey, PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });
});

describe('lock() during an unlock, a migration or a restore swap', () => {
  it('during an unlock: the unlock ends locked (VAULT_LOCKED) and nobody hears "unlocked"', async () => {
    const { vault, hooks } = await createdVault();
    vault.lock();
    const heard = events(vault);
    let locked = false;
    hooks.on((op, path) => {
      if (op === 'exists' && path === vault.dbPath && !locked) {
        locked = true;
        vault.lock();
      }
    });
    await expectAppError(vault.unlock(PASSPHRASE), 'VAULT_LOCKED');
    hooks.on(null);
    expect(locked).toBe(true);
    expect(vault.isUnlocked).toBe(false);
    expect(heard).toEqual([]);
    await vault.unlock(PASSPHRASE);
    expect(heard).toEqual(['unlocked']);
  });

  it('during the migrations of an unlock: they finish, the vault ends locked, the next unlock has nothing left to do', async () => {
    const dataDir = tempDir();
    await makePendingVault(dataDir, { students: 2, dialoguesPerStudent: 3, wordsPerDialogue: 50 }, PASSPHRASE, TEST_SCRYPT);
    const { vault } = makeVault({ dataDir });
    const heard = events(vault);
    let progressAfterLock = 0;
    let locked = false;
    vault.onMigrationProgress(() => {
      if (locked) progressAfterLock++;
      if (!locked) {
        locked = true;
        vault.lock();
      }
    });
    await expectAppError(vault.unlock(PASSPHRASE), 'VAULT_LOCKED');
    expect(locked).toBe(true);
    expect(vault.isUnlocked).toBe(false);
    expect(heard).toEqual([]);
    const progressBefore = progressAfterLock;
    await vault.unlock(PASSPHRASE);
    expect(schemaVersion(vault.database())).toBe(LATEST_SCHEMA_VERSION);
    // The second unlock migrated nothing: the first one's migrations were kept.
    expect(progressAfterLock).toBe(progressBefore);
  });

  it('during a restore swap of the open vault: the swap completes and the vault ends locked', async () => {
    const { vault } = await createdVault();
    const heard = events(vault);
    let prepared = 0;
    await vault.swapDatabaseFiles(async () => { vault.lock(); }, async () => undefined, () => { prepared++; });
    expect(vault.isUnlocked).toBe(false);
    // What a restore must do before anyone sees the vault (erasing again) still ran on it.
    expect(prepared).toBe(1);
    expect(heard).toEqual(['locked']);
    await vault.unlock(PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });

  it('during a restore into a locked vault: the restored files are installed and the vault stays locked', async () => {
    const { vault } = await createdVault();
    const { keyFile, dataKey } = vault.keyMaterial();
    vault.lock();
    const heard = events(vault);
    let installed = 0;
    await vault.replaceWithRestored({ keyFile, dataKey }, async () => { installed++; vault.lock(); }, async () => undefined);
    expect(installed).toBe(1);
    expect(vault.isUnlocked).toBe(false);
    expect(heard).toEqual([]);
    // The key the restore handed over was not kept.
    expect(dataKey.equals(Buffer.alloc(32))).toBe(true);
  });
});

describe('a restore while an unlock is under way', () => {
  it('waits for the unlock to finish, then replaces the vault it opened', async () => {
    const { vault, hooks } = await createdVault();
    const { keyFile, dataKey } = vault.keyMaterial();
    vault.lock();
    const heard = events(vault);
    let restore: Promise<void> | null = null;
    // What listeners had heard when the restore started installing its files.
    const heardAtInstall: string[][] = [];
    hooks.on((op, path) => {
      if (op === 'exists' && path === vault.dbPath && !restore) {
        restore = vault.replaceWithRestored({ keyFile, dataKey }, async () => {
          heardAtInstall.push([...heard]);
        }, async () => undefined);
      }
    });
    await vault.unlock(PASSPHRASE);
    expect(restore).not.toBeNull();
    await restore;
    hooks.on(null);
    // The unlock had opened the vault, and the restore had closed it again to install its files.
    expect(heardAtInstall).toEqual([['unlocked', 'locked']]);
    expect(heard).toEqual(['unlocked', 'locked', 'unlocked']);
    expect(vault.isUnlocked).toBe(true);
  });
});

describe('two key changes at once', () => {
  it('a passphrase change asked during a rotation waits for it, and both hold afterwards', async () => {
    const { vault } = await createdVault();
    const rotation = vault.rotateKey(PASSPHRASE);
    const change = vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
    const [rotated, changed] = await Promise.allSettled([rotation, change]);
    // Neither is refused: the right passphrase was given to both.
    expect(rotated.status).toBe('fulfilled');
    expect(changed.status).toBe('fulfilled');
    const { recoveryKey } = (rotated as PromiseFulfilledResult<{ recoveryKey: string }>).value;
    vault.lock();
    // The change wrapped the rotation's new key: the new passphrase opens the vault, the old does not.
    await expectAppError(vault.unlock(PASSPHRASE), 'WRONG_PASSPHRASE');
    await vault.unlock(OTHER_PASSPHRASE);
    vault.lock();
    // And the rotation's recovery key is the one that works.
    await vault.unlockWithRecoveryKey(recoveryKey, THIRD_PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });
});
