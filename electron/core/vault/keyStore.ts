import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { logEvent } from '../log';
import type { FileOps } from './fileOps';
import { type KeyFile, readKeyFile, writeKeyFile } from './keyFile';

export const VAULT_KEY_FILE = 'vault.key';
/**
 * A verified copy of the key file beside it (issue 14, docs/adr/0014-key-file-copy.md), written
 * after every change of the key file. A damaged `vault.key` is then not the end of the vault:
 * the unlock screen offers the copy, and a successful unlock with it repairs `vault.key`.
 */
export const VAULT_KEY_COPY_FILE = 'vault.key.copy';
/** A key file written for a key rotation that has not been completed (see Vault.rotateKey). */
export const PENDING_KEY_SUFFIX = '.next';

/**
 * The vault's key file on disk: `vault.key`, its verified copy, and the pending `vault.key.next`
 * of a rotation. Holds no key and no state of its own; the Vault decides when each is written.
 */
export class KeyStore {
  readonly keyPath: string;
  readonly keyCopyPath: string;
  readonly pendingPath: string;

  constructor(private readonly ops: FileOps, dataDir: string, private readonly dbPath: string) {
    this.keyPath = join(dataDir, VAULT_KEY_FILE);
    this.keyCopyPath = join(dataDir, VAULT_KEY_COPY_FILE);
    this.pendingPath = this.keyPath + PENDING_KEY_SUFFIX;
  }

  read(): Promise<KeyFile> {
    return readKeyFile(this.ops, this.keyPath);
  }

  /** Writes `vault.key` alone (a new vault: its copy follows once the database is made). */
  write(keyFile: KeyFile): Promise<void> {
    return writeKeyFile(this.ops, this.keyPath, keyFile);
  }

  /** A changed key file: `vault.key`, then its copy. */
  async replace(next: KeyFile): Promise<void> {
    await this.write(next);
    await this.writeCopy(next);
  }

  /**
   * Writes the key file's copy (atomically) and verifies it: read back, parsed and checked like
   * the key file itself, and the same as `keyFile`. A copy that fails the check is removed
   * rather than kept wrong; a failure never fails the change itself (the key file is written).
   */
  async writeCopy(keyFile: KeyFile): Promise<boolean> {
    try {
      await writeKeyFile(this.ops, this.keyCopyPath, keyFile);
      const back = await readKeyFile(this.ops, this.keyCopyPath);
      if (JSON.stringify(back) === JSON.stringify(keyFile)) return true;
      logEvent('vault.key_copy_mismatch', {});
    } catch (error) {
      logEvent('vault.key_copy_failed', { code: String((error as { code?: unknown })?.code ?? '') });
    }
    await this.ops.unlink(this.keyCopyPath).catch(() => undefined);
    return false;
  }

  /** The copy, checked, or null when there is none that this vault could use. */
  async readCopy(): Promise<KeyFile | null> {
    try {
      return await readKeyFile(this.ops, this.keyCopyPath);
    } catch {
      return null;
    }
  }

  /**
   * The key file an unlock uses. A damaged one (or one that says a newer app wrote it while its
   * verified copy says otherwise, or one gone while the database is there) is KEYFILE_DAMAGED,
   * with `copy: 1` when the copy is intact and can be offered, `copy: 0` when not: never a wrong
   * passphrase, and never counted by the throttle (no secret was tried).
   */
  async forUnlock(fromCopy: boolean): Promise<KeyFile> {
    if (fromCopy) {
      const copy = await this.readCopy();
      if (!copy) throw new AppError('KEYFILE_DAMAGED', { copy: 0 });
      return copy;
    }
    try {
      return await this.read();
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      const databaseThere = code === 'VAULT_MISSING' && (await this.ops.exists(this.dbPath));
      if (code !== 'KEYFILE_DAMAGED' && code !== 'VAULT_TOO_NEW' && !databaseThere) throw error;
      const copy = await this.readCopy();
      // Both written by a newer app: that is what it is.
      if (code === 'VAULT_TOO_NEW' && !copy) throw error;
      throw new AppError('KEYFILE_DAMAGED', { copy: copy ? 1 : 0 });
    }
  }

  /**
   * After an unlock with `keyFile`: the copy opened the vault, so it becomes the key file again;
   * an unlock with the key file puts back a copy that is missing or out of date (a vault from
   * before the copy existed). Neither failure fails the unlock.
   */
  async afterUnlock(keyFile: KeyFile, fromCopy: boolean): Promise<void> {
    if (fromCopy) await this.write(keyFile).catch((error: unknown) => logEvent('vault.key_repair_failed', { code: String((error as { code?: unknown })?.code ?? '') }));
    else if (JSON.stringify(await this.readCopy()) !== JSON.stringify(keyFile)) await this.writeCopy(keyFile);
  }

  /** Step 1 of a rotation: the new key file beside the old one. */
  writePending(next: KeyFile): Promise<void> {
    return writeKeyFile(this.ops, this.pendingPath, next);
  }

  /** A rotation given up before its rekey: the old key file stays the one that opens the vault. */
  async dropPending(): Promise<void> {
    await this.ops.unlink(this.pendingPath).catch(() => undefined);
  }

  /** The last step of a rotation: the pending key file becomes `vault.key`. */
  promotePending(): Promise<void> {
    return this.ops.rename(this.pendingPath, this.keyPath);
  }

  /**
   * Finishes or undoes a key rotation that was interrupted (see Vault.rotateKey): the key file
   * that opens the database stays as `vault.key`, the other goes. `opens` only tells whether a
   * key (zeroed after) opens the database; the unlock that follows unwraps again.
   */
  async settlePending(unwrap: (keyFile: KeyFile) => Promise<Buffer | null>, opens: (key: Buffer) => boolean): Promise<void> {
    if (!(await this.ops.exists(this.pendingPath))) return;
    const tryKey = (key: Buffer | null): boolean => {
      if (!key) return false;
      try {
        return opens(key);
      } finally {
        key.fill(0);
      }
    };
    let pending: KeyFile;
    try {
      pending = await readKeyFile(this.ops, this.pendingPath);
    } catch {
      await this.dropPending();
      return;
    }
    const current = await this.read();
    // The old key first: if the rekey never committed, it opens the database.
    if (tryKey(await unwrap(current))) {
      await this.dropPending();
      return;
    }
    if (tryKey(await unwrap(pending))) await this.promotePending().catch(() => undefined);
  }
}
