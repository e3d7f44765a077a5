import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authenticateHeader, CONTAINER_VERSION, decodeHeader, headerKeyMatches, readHeader,
} from '../../../../electron/core/backup/container';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { fixedFolderPicker } from '../../../harness/folderSaveTarget';
import { expectAppError, hashFolder, makeUnlockedBackend } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { forgeMeta, joinV2, split, toV1 } from './containerBytes';

/** A vault with one student and one verified backup of it, in a backup folder. */
async function world() {
  const backupsDir = join(tempDir(), 'backups');
  const made = await makeUnlockedBackend({ folderPicker: fixedFolderPicker(backupsDir) });
  await made.api.backups.chooseFolder();
  await made.api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
  const run = await made.api.backups.run();
  const path = join(backupsDir, run.backup.fileName);
  const bytes = readFileSync(path);
  const header = await readHeader(path);
  const dataKey = made.backend.vault.keyMaterial().dataKey;
  // Names the backup list and restore accept, later than the real one.
  const short = run.backup.fileName.split('-')[1]!;
  let n = 0;
  const place = (data: Buffer): string => {
    n += 1;
    const fileName = `loopbaandialoog-${short}-203001${String(n).padStart(2, '0')}-000000.lbdbackup`;
    writeFileSync(join(backupsDir, fileName), data);
    return fileName;
  };
  return { ...made, backupsDir, run, path, bytes, header, dataKey, place };
}

function codeOf(fn: () => unknown): ErrorCode | 'no error' | 'not an AppError' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

/** Replaces the first occurrence of `from` in the metadata JSON text, keeping the JSON's length. */
function editJsonText(bytes: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const copy = Buffer.from(bytes);
  const at = copy.indexOf(Buffer.from(from, 'utf8'), 14);
  expect(at).toBeGreaterThan(14);
  copy.write(to, at, 'utf8');
  return copy;
}

describe('backup container, version 2', () => {
  it('writes version 2: the header says so, and authenticates with the data key', async () => {
    const { bytes, header, dataKey } = await world();
    expect(bytes.readUInt8(9)).toBe(CONTAINER_VERSION);
    expect(header).toMatchObject({ version: 2, unauthenticated: false });
    expect(authenticateHeader(header, dataKey)).toBe('authenticated');
    expect(headerKeyMatches(header, dataKey)).toBe(true);
    // Another key is not this backup's: foreign, not damaged.
    expect(headerKeyMatches(header, randomBytes(32))).toBe(false);
    expect(codeOf(() => authenticateHeader(header, randomBytes(32)))).toBe('BACKUP_FOREIGN');
  });

  it('refuses every byte of the header flipped as BACKUP_DAMAGED, without any key', async () => {
    const { bytes, header } = await world();
    const head = bytes.subarray(0, header.offset);
    const seen = new Map<string, number>();
    for (let at = 0; at < head.length; at += 1) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const copy = Buffer.from(head);
        copy[at]! ^= mask;
        const code = codeOf(() => decodeHeader(copy, header.fileSize));
        seen.set(code, (seen.get(code) ?? 0) + 1);
        if (code !== 'BACKUP_DAMAGED') throw new Error(`byte ${at} ^ ${mask}: ${code}`);
      }
    }
    expect([...seen.keys()]).toEqual(['BACKUP_DAMAGED']);
    expect(seen.get('BACKUP_DAMAGED')).toBe(head.length * 3);
  });

  it('refuses flipped bytes in createdAt, appVersion and the key file’s salt and iv on restore; the vault is untouched', async () => {
    const { api, bytes, header, dir, backend, place } = await world();
    const kf = header.meta.keyFile;
    const flips = [
      editJsonText(bytes, `"createdAt":"${header.meta.createdAt.slice(0, 4)}`, `"createdAt":"2126`), // the date seen in issue 13
      editJsonText(bytes, `"appVersion":"0`, `"appVersion":"9`),
      editJsonText(bytes, kf.wraps.passphrase.salt.slice(0, 8), flipBase64(kf.wraps.passphrase.salt.slice(0, 8))),
      editJsonText(bytes, kf.wraps.passphrase.iv.slice(0, 8), flipBase64(kf.wraps.passphrase.iv.slice(0, 8))),
      editJsonText(bytes, kf.wraps.recovery.salt.slice(0, 8), flipBase64(kf.wraps.recovery.salt.slice(0, 8))),
      editJsonText(bytes, '"students":1', '"students":7'),
    ];
    backend.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const before = hashFolder(dir, ['vault.db-wal', 'vault.db-shm']);
    for (const data of flips) await expectAppError(api.backups.restore({ fileName: place(data) }), 'BACKUP_DAMAGED');
    expect(hashFolder(dir, ['vault.db-wal', 'vault.db-shm'])).toEqual(before);
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['Noor el Amrani']);
  });

  it('catches a deliberate edit (digest recomputed, no key) with the MAC, on restore too', async () => {
    const { api, bytes, header, dataKey, place } = await world();
    const edits: ((meta: Record<string, unknown>) => void)[] = [
      (meta) => { meta.createdAt = '2126-01-01T00:00:00.000Z'; },
      (meta) => { meta.appVersion = '99.0.0'; },
      (meta) => { meta.counts = { ...(meta.counts as object), students: 5 }; },
      (meta) => {
        const keyFile = meta.keyFile as { wraps: { passphrase: { salt: string } } };
        keyFile.wraps.passphrase.salt = randomBytes(16).toString('base64');
      },
      (meta) => {
        const keyFile = meta.keyFile as { createdAt: string };
        keyFile.createdAt = '2020-01-01T00:00:00.000Z';
      },
    ];
    for (const edit of edits) {
      const forged = forgeMeta(bytes, edit);
      // Shape and digest are fine: only the key can tell.
      const forgedHeader = decodeHeader(forged, forged.length);
      expect(codeOf(() => authenticateHeader(forgedHeader, dataKey))).toBe('BACKUP_DAMAGED');
      await expectAppError(api.backups.restore({ fileName: place(forged) }), 'BACKUP_DAMAGED');
    }
    // The unedited bytes through the same surgery still authenticate: the test's forging is faithful.
    const same = forgeMeta(bytes, () => undefined);
    expect(authenticateHeader(decodeHeader(same, same.length), dataKey)).toBe('authenticated');
    expect(header.meta.createdAt).not.toBe('2126-01-01T00:00:00.000Z');
  });

  it('refuses out-of-bounds or misshapen fields of the embedded key file before any key derivation', async () => {
    const { bytes } = await world();
    type Kf = { version: number; wraps: Record<string, Record<string, unknown>> };
    const cases: [string, (kf: Kf) => void][] = [
      ['scrypt N = 2^20, r = 16, p = 4', (kf) => { kf.wraps.passphrase!.params = { N: 2 ** 20, r: 16, p: 4 }; }],
      ['scrypt N = 2^18', (kf) => { kf.wraps.passphrase!.params = { N: 2 ** 18, r: 8, p: 1 }; }],
      ['scrypt N = 2^30', (kf) => { kf.wraps.passphrase!.params = { N: 2 ** 30, r: 8, p: 1 }; }],
      ['scrypt N not a power of two', (kf) => { kf.wraps.passphrase!.params = { N: 3 * 2 ** 14, r: 8, p: 1 }; }],
      ['scrypt r = 9', (kf) => { kf.wraps.passphrase!.params = { N: 2 ** 14, r: 9, p: 1 }; }],
      ['scrypt p = 3', (kf) => { kf.wraps.passphrase!.params = { N: 2 ** 14, r: 8, p: 3 }; }],
      ['scrypt cost missing', (kf) => { delete kf.wraps.passphrase!.params; }],
      ['zero-length salt', (kf) => { kf.wraps.passphrase!.salt = ''; }],
      ['15-byte salt', (kf) => { kf.wraps.passphrase!.salt = randomBytes(15).toString('base64'); }],
      ['11-byte iv', (kf) => { kf.wraps.recovery!.iv = randomBytes(11).toString('base64'); }],
      ['short tag', (kf) => { kf.wraps.passphrase!.tag = randomBytes(4).toString('base64'); }],
      ['31-byte ciphertext', (kf) => { kf.wraps.recovery!.ciphertext = randomBytes(31).toString('base64'); }],
      ['a recovery wrap with a cost', (kf) => { kf.wraps.recovery!.params = { N: 2 ** 14, r: 8, p: 1 }; }],
      ['an hkdf passphrase wrap', (kf) => { kf.wraps.passphrase!.kdf = 'hkdf-sha256'; }],
      ['an unknown version', (kf) => { kf.version = 0; }],
    ];
    for (const [name, edit] of cases) {
      const forged = forgeMeta(bytes, (meta) => edit(meta.keyFile as Kf));
      const started = performance.now();
      expect(codeOf(() => decodeHeader(forged, forged.length)), name).toBe('BACKUP_DAMAGED');
      expect(performance.now() - started, name).toBeLessThan(100);
    }
  });

  it('refuses misshapen metadata and length fields of 0 and 2^31', async () => {
    const { api, bytes, place } = await world();
    const metaCases: [string, (meta: Record<string, unknown>) => void][] = [
      ['createdAt not a date', (meta) => { meta.createdAt = 'gisteren'; }],
      ['negative count', (meta) => { meta.counts = { students: -1 }; }],
      ['fractional count', (meta) => { meta.counts = { students: 1.5 }; }],
      ['payload length off by one', (meta) => { meta.payloadLength = (meta.payloadLength as number) + 1; }],
      ['vault id not a uuid', (meta) => { meta.vaultId = 'x'; }],
      ['an unknown field', (meta) => { meta.extra = 1; }],
      ['no key check', (meta) => { delete meta.keyCheck; }],
      ['a huge appVersion', (meta) => { meta.appVersion = 'x'.repeat(10_000); }],
    ];
    for (const [name, edit] of metaCases) {
      const forged = forgeMeta(bytes, edit);
      expect(codeOf(() => decodeHeader(forged, forged.length)), name).toBe('BACKUP_DAMAGED');
    }
    for (const length of [0, 2 ** 31, 2 ** 32 - 1]) {
      const copy = Buffer.from(bytes);
      copy.writeUInt32BE(length, 10);
      expect(codeOf(() => decodeHeader(copy, copy.length))).toBe('BACKUP_DAMAGED');
      await expectAppError(api.backups.restore({ fileName: place(copy) }), 'BACKUP_DAMAGED');
    }
    await expectAppError(readHeader(join(tempDir(), 'missing.lbdbackup')), 'NOT_FOUND');
    // Metadata longer than the bound, even when it is well-formed JSON with a fitting digest.
    const { mac, payload } = split(bytes);
    const huge = joinV2(Buffer.from(JSON.stringify({ pad: 'x'.repeat(600 * 1024) })), mac!, payload);
    expect(codeOf(() => decodeHeader(huge, huge.length))).toBe('BACKUP_DAMAGED');
    await expectAppError(api.backups.restore({ fileName: place(huge) }), 'BACKUP_DAMAGED');
  });

  it('refuses flipped payload bytes (first, middle, last) as BACKUP_DAMAGED', async () => {
    const { api, bytes, header, place } = await world();
    for (const at of [header.offset, header.offset + Math.floor(header.meta.payloadLength / 2), bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x01;
      await expectAppError(api.backups.restore({ fileName: place(copy) }), 'BACKUP_DAMAGED');
    }
    expect(await api.students.list()).toHaveLength(1);
  });
});

describe('backup container, version 1 (before issue 13)', () => {
  it('is still read and restored, marked unauthenticated', async () => {
    const { api, bytes, dataKey, place } = await world();
    const v1 = toV1(bytes);
    const header = decodeHeader(v1, v1.length);
    expect(header).toMatchObject({ version: 1, unauthenticated: true, auth: null });
    expect(authenticateHeader(header, dataKey)).toBe('unauthenticated');
    expect(headerKeyMatches(header, dataKey)).toBeNull();

    const fileName = place(v1);
    await api.students.create({ displayName: 'Later Toegevoegd', schoolType: 'havo' });
    const restored = await api.backups.restore({ fileName });
    expect(restored.restoredFrom.fileName).toBe(fileName);
    expect((await api.students.list()).map((s) => s.displayName)).toEqual(['Noor el Amrani']);
  });

  it('still bounds the KDF cost and lengths of a version 1 key file', async () => {
    const { bytes } = await world();
    const v1 = toV1(forgeMeta(bytes, (meta) => {
      (meta.keyFile as { wraps: { passphrase: { params: unknown } } }).wraps.passphrase.params = { N: 2 ** 20, r: 16, p: 4 };
    }));
    expect(codeOf(() => decodeHeader(v1, v1.length))).toBe('BACKUP_DAMAGED');
  });
});

/** Changes the first base64 character to another valid one, so that the decoded bytes differ. */
function flipBase64(text: string): string {
  return (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
}
