import { createHash } from 'node:crypto';

/**
 * Byte surgery on backup containers (layout in electron/core/backup/container.ts), written out
 * here rather than taken from the code under test, so that a test can forge what an attacker or
 * an old app version could write.
 */
const PREFIX = 14;
const MAC = 32;
const DIGEST = 32;

export interface Parts { version: number; prefix: Buffer; json: Buffer; mac: Buffer | null; payload: Buffer }

export function split(bytes: Buffer): Parts {
  const version = bytes.readUInt8(9);
  const length = bytes.readUInt32BE(10);
  const json = bytes.subarray(PREFIX, PREFIX + length);
  if (version === 1) return { version, prefix: bytes.subarray(0, PREFIX), json, mac: null, payload: bytes.subarray(PREFIX + length) };
  const mac = bytes.subarray(PREFIX + length, PREFIX + length + MAC);
  return { version, prefix: bytes.subarray(0, PREFIX), json, mac, payload: bytes.subarray(PREFIX + length + MAC + DIGEST) };
}

/** A version 2 container from its parts, with a correct (unkeyed) digest: the MAC is whatever is given. */
export function joinV2(json: Buffer, mac: Buffer, payload: Buffer): Buffer {
  const prefix = Buffer.alloc(PREFIX);
  prefix.write('LBDBACKUP', 0, 'ascii');
  prefix.writeUInt8(2, 9);
  prefix.writeUInt32BE(json.length, 10);
  const digest = createHash('sha256').update(prefix).update(json).update(mac).digest();
  return Buffer.concat([prefix, json, mac, digest, payload]);
}

/**
 * The metadata changed as `edit` says, the old MAC kept and the digest recomputed: what someone
 * who edits a backup on purpose (without the data key) can write.
 */
export function forgeMeta(bytes: Buffer, edit: (meta: Record<string, unknown>) => void): Buffer {
  const { json, mac, payload } = split(bytes);
  const meta = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
  edit(meta);
  return joinV2(Buffer.from(JSON.stringify(meta), 'utf8'), mac!, payload);
}

/** The same backup as the version 1 app wrote it: no key check, no MAC, no digest. */
export function toV1(bytes: Buffer): Buffer {
  const { json, payload } = split(bytes);
  const meta = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
  delete meta.keyCheck;
  const body = Buffer.from(JSON.stringify(meta), 'utf8');
  const prefix = Buffer.alloc(PREFIX);
  prefix.write('LBDBACKUP', 0, 'ascii');
  prefix.writeUInt8(1, 9);
  prefix.writeUInt32BE(body.length, 10);
  return Buffer.concat([prefix, body, payload]);
}
