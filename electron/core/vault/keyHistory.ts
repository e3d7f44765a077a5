import { hkdf, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { KEY_FILE_FORMAT, type KeyFile, type PreviousKey } from './keyFile';
import { open, seal } from './keyWrap';

const hkdfAsync = promisify(hkdf);

/**
 * Earlier data keys, so that a backup made before a key rotation still restores on the vault
 * that rotated (docs/adr/0007-backups-across-key-changes.md).
 *
 * A data key's "era" is the ciphertext of its recovery wrap. That wrap is written exactly when a
 * data key is made (vault creation, key rotation) and never rewritten for the same key: changing
 * the passphrase, unlocking with the recovery key and device unlock touch other wraps only. So
 * every backup, including those made before this file existed, says by its embedded key file
 * which data key opens it, without storing anything derived from the key itself in plain.
 */
export function keyEra(keyFile: Pick<KeyFile, 'wraps'>): string {
  return keyFile.wraps.recovery.ciphertext;
}

/** How many earlier keys a vault keeps; backups from before the oldest one need the secrets of their time. */
export const MAX_PREVIOUS_KEYS = 50;

function historyAad(vaultId: string, era: string): string {
  return `${KEY_FILE_FORMAT}/history/${vaultId}/${era}`;
}

/**
 * A wrapping key of its own, derived from the data key: the data key itself is SQLCipher's key,
 * and using one key for two algorithms is avoided on principle.
 */
async function historyKey(dataKey: Buffer, salt: Buffer): Promise<Buffer> {
  return Buffer.from(await hkdfAsync('sha256', dataKey, salt, 'loopbaandialoog/key-history/v1', 32));
}

async function sealEntry(vaultId: string, era: string, key: Buffer, under: Buffer, retiredAt: string): Promise<PreviousKey> {
  const salt = randomBytes(16);
  const wrapping = await historyKey(under, salt);
  return { era, salt: salt.toString('base64'), retiredAt, ...seal(wrapping, key, historyAad(vaultId, era)) };
}

async function openEntry(vaultId: string, entry: PreviousKey, under: Buffer): Promise<Buffer | null> {
  const wrapping = await historyKey(under, Buffer.from(entry.salt, 'base64'));
  return open(wrapping, { kdf: 'hkdf-sha256', ...entry }, historyAad(vaultId, entry.era));
}

/**
 * The history for the key file that follows a rotation from `oldKey` (of `current`) to `newKey`:
 * every earlier entry sealed again under the new key, plus the old key itself. An entry that
 * does not open (damaged) is dropped rather than failing the rotation.
 */
export async function historyAfterRotation(current: KeyFile, oldKey: Buffer, newKey: Buffer, retiredAt: string): Promise<PreviousKey[]> {
  const next: PreviousKey[] = [];
  for (const entry of current.previousKeys ?? []) {
    const key = await openEntry(current.vaultId, entry, oldKey);
    if (!key) continue;
    next.push(await sealEntry(current.vaultId, entry.era, key, newKey, entry.retiredAt));
    key.fill(0);
  }
  next.push(await sealEntry(current.vaultId, keyEra(current), oldKey, newKey, retiredAt));
  return next.slice(-MAX_PREVIOUS_KEYS);
}

/** Whether the vault can name the key of `era` without any secret: its current key, or one in its history. */
export function knowsEra(keyFile: KeyFile, era: string): boolean {
  return era === keyEra(keyFile) || (keyFile.previousKeys ?? []).some((entry) => entry.era === era);
}

/**
 * The data key of `era`, with the unlocked vault's key file and data key: a copy of the current
 * key, or an earlier one from the history; null when this vault never knew it. The caller zeroes it.
 */
export async function keyForEra(keyFile: KeyFile, dataKey: Buffer, era: string): Promise<Buffer | null> {
  if (era === keyEra(keyFile)) return Buffer.from(dataKey);
  const entry = (keyFile.previousKeys ?? []).find((candidate) => candidate.era === era);
  return entry ? openEntry(keyFile.vaultId, entry, dataKey) : null;
}
