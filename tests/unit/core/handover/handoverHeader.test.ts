import { createCipheriv, createHash, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HANDOVER_MAGIC, openHandover, parseHandover, sealHandover } from '../../../../electron/core/handover/handoverFile';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { TEST_SCRYPT } from '../../helpers/core';
import { cheapTransferScrypt, TRANSFER } from './handoverWorld';

cheapTransferScrypt();

const PREFIX = HANDOVER_MAGIC.length + 1 + 4;
const META = { createdAt: '2025-09-01T08:30:00.000Z', appVersion: '0.0.0-test' };

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'no error' | 'not an AppError'> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

/**
 * A handover file from its header, written out here (layout in handoverFile.ts), as someone who
 * crafts one would: version 2 with a digest that fits, or version 1 without one. The body is
 * random bytes of the length the header states.
 */
function craft(header: Record<string, unknown>, version: 1 | 2 = 2): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX);
  HANDOVER_MAGIC.copy(prefix, 0);
  prefix.writeUInt8(version, HANDOVER_MAGIC.length);
  prefix.writeUInt32BE(json.length, HANDOVER_MAGIC.length + 1);
  const signed = Buffer.concat([prefix, json]);
  const digest = version === 2 ? createHash('sha256').update(signed).digest() : Buffer.alloc(0);
  const length = typeof header.length === 'number' ? header.length : 0;
  return Buffer.concat([signed, digest, randomBytes(length + 16)]);
}

function headerOf(file: Buffer): Record<string, unknown> {
  const length = file.readUInt32BE(HANDOVER_MAGIC.length + 1);
  return JSON.parse(file.subarray(PREFIX, PREFIX + length).toString('utf8')) as Record<string, unknown>;
}

/** The version 1 sealing of the app before issue 13, copied here as a fixture of that format. */
function sealV1(plainJson: string, passphrase: string): Buffer {
  const compressed = gzipSync(Buffer.from(plainJson, 'utf8'));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const master = scryptSync(passphrase.normalize('NFC'), salt, 32, { ...TEST_SCRYPT, maxmem: 64 * 1024 * 1024 });
  const key = Buffer.from(hkdfSync('sha256', master, salt, 'loopbaandialoog/handover/v1/key', 32));
  const check = createHash('sha256').update(Buffer.from(hkdfSync('sha256', master, salt, 'loopbaandialoog/handover/v1/check', 32))).digest();
  const header = {
    kdf: 'scrypt', salt: salt.toString('base64'), ...TEST_SCRYPT, iv: iv.toString('base64'), check: check.toString('base64'),
    length: compressed.length, ...META,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX);
  HANDOVER_MAGIC.copy(prefix, 0);
  prefix.writeUInt8(1, HANDOVER_MAGIC.length);
  prefix.writeUInt32BE(json.length, HANDOVER_MAGIC.length + 1);
  const aad = Buffer.concat([prefix, json]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  return Buffer.concat([aad, ciphertext, cipher.getAuthTag()]);
}

describe('handover header', () => {
  it('opens with the right passphrase and tells a wrong one apart', async () => {
    const file = await sealHandover('{"hello":"wereld"}', TRANSFER, META);
    expect(file.readUInt8(HANDOVER_MAGIC.length)).toBe(2);
    expect(await openHandover(file, TRANSFER)).toBe('{"hello":"wereld"}');
    expect(await codeOf(openHandover(file, 'een heel ander wachtwoord hier'))).toBe('WRONG_TRANSFER_PASSPHRASE');
  });

  it('reports every flipped header byte as HANDOVER_DAMAGED, never as a wrong passphrase', async () => {
    const file = await sealHandover('{"hello":"wereld"}', TRANSFER, META);
    const { aad } = parseHandover(file);
    // Magic, version, length, the JSON (salt, cost, iv, check value, …) and the digest.
    const seen = new Map<string, number>();
    for (let at = 0; at < aad.length; at += 1) {
      for (const mask of [0x01, 0xff]) {
        const copy = Buffer.from(file);
        copy[at]! ^= mask;
        const code = await codeOf(openHandover(copy, TRANSFER));
        seen.set(code, (seen.get(code) ?? 0) + 1);
        if (code !== 'HANDOVER_DAMAGED') throw new Error(`byte ${at} ^ ${mask}: ${code}`);
      }
    }
    expect(seen).toEqual(new Map([['HANDOVER_DAMAGED', aad.length * 2]]));
  });

  it('refuses a hostile scrypt cost as HANDOVER_DAMAGED in under 100 ms, without a large allocation', async () => {
    const file = await sealHandover('{"hello":"wereld"}', TRANSFER, META);
    const honest = headerOf(file);
    const hostile = [
      { N: 2 ** 20, r: 16, p: 4 }, // the 1.3 KB file of issue 13: 25 s and 2.2 GiB before
      { N: 2 ** 18, r: 8, p: 1 },
      { N: 2 ** 30, r: 8, p: 1 },
      { N: 3 * 2 ** 14, r: 8, p: 1 },
      { N: 2 ** 14, r: 9, p: 1 },
      { N: 2 ** 14, r: 8, p: 3 },
      { N: 2 ** 14, r: 0, p: 1 },
      { N: 2 ** 17, r: 8.5, p: 1 },
    ];
    for (const version of [2, 1] as const) {
      for (const cost of hostile) {
        const crafted = craft({ ...honest, ...cost }, version);
        const rssBefore = process.memoryUsage().rss;
        const started = performance.now();
        const code = await codeOf(openHandover(crafted, TRANSFER));
        const elapsed = performance.now() - started;
        const grown = process.memoryUsage().rss - rssBefore;
        expect(code, JSON.stringify(cost)).toBe('HANDOVER_DAMAGED');
        expect(elapsed, JSON.stringify(cost)).toBeLessThan(100);
        // scrypt at N = 2^20, r = 16 would need 2 GiB; nothing near that is taken.
        expect(grown, JSON.stringify(cost)).toBeLessThan(64 * 1024 * 1024);
      }
    }
  });

  it('refuses wrong lengths and header sizes before any derivation', async () => {
    const file = await sealHandover('{"hello":"wereld"}', TRANSFER, META);
    const honest = headerOf(file);
    const cases: [string, Record<string, unknown>][] = [
      ['zero-length salt', { ...honest, salt: '' }],
      ['15-byte salt', { ...honest, salt: randomBytes(15).toString('base64') }],
      ['11-byte iv', { ...honest, iv: randomBytes(11).toString('base64') }],
      ['31-byte check', { ...honest, check: randomBytes(31).toString('base64') }],
      ['an unknown field', { ...honest, extra: 1 }],
      ['another kdf', { ...honest, kdf: 'argon2id' }],
      ['negative length', { ...honest, length: -1 }],
    ];
    for (const [name, header] of cases) {
      const started = performance.now();
      expect(await codeOf(openHandover(craft(header), TRANSFER)), name).toBe('HANDOVER_DAMAGED');
      expect(performance.now() - started, name).toBeLessThan(100);
    }
    for (const length of [0, 2 ** 31, 2 ** 32 - 1]) {
      const copy = Buffer.from(file);
      copy.writeUInt32BE(length, HANDOVER_MAGIC.length + 1);
      expect(await codeOf(openHandover(copy, TRANSFER)), String(length)).toBe('HANDOVER_DAMAGED');
    }
  });

  it('still opens a version 1 file (no digest), with the same bounds', async () => {
    const v1 = sealV1('{"oud":"formaat"}', TRANSFER);
    expect(parseHandover(v1).version).toBe(1);
    expect(await openHandover(v1, TRANSFER)).toBe('{"oud":"formaat"}');
    expect(await codeOf(openHandover(v1, 'een heel ander wachtwoord hier'))).toBe('WRONG_TRANSFER_PASSPHRASE');
    const hostile = craft({ ...headerOf(v1), N: 2 ** 20, r: 16, p: 4 }, 1);
    expect(await codeOf(openHandover(hostile, TRANSFER))).toBe('HANDOVER_DAMAGED');
  });
});
