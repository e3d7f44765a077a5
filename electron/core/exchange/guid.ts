import { createHash } from 'node:crypto';

/**
 * REFI-QDA objects need GUIDs, and a researcher who exports the same students twice must get the
 * same GUID for the same dialogue, passage and code, or their QDA tool sees new objects each
 * time. So GUIDs are UUID version 5 (RFC 9562: SHA-1 of a namespace and a name) of the app's own
 * ids, with a fixed namespace that belongs to this app and a kind prefix per object type (a
 * passage's selection and its coding come from the same annotation id, yet must differ).
 */
export const EXCHANGE_NAMESPACE = '6f1c2a9e-4b7d-5e3a-9c2f-8d41b6a07e55';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function uuidV5(name: string, namespace: string = EXCHANGE_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type GuidKind = 'project' | 'code' | 'case' | 'source' | 'selection' | 'coding' | 'note' | 'variable';

/** The GUID of one exported object, from its kind and the app's id (plus a part number where one id yields several). */
export function guidFor(kind: GuidKind, id: string, part?: number): string {
  return uuidV5(part === undefined ? `${kind}:${id}` : `${kind}:${id}:${part}`);
}
