import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../../shared/errors';

/**
 * One entry of a zip archive, read with every size bounded before and during inflation.
 *
 * Why not a zip library: JSZip (what mammoth uses) inflates whole entries without a limit, so a
 * 522 KB .docx that inflates to 150 MB exhausted the heap. Here the central directory is read
 * first, the declared uncompressed size is checked against the cap, and the inflation itself is
 * capped (`maxOutputLength`), because the central directory can lie.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** A Word document has a few dozen parts; thousands of entries are a crafted file. */
export const MAX_ZIP_ENTRIES = 5_000;

export interface ZipEntryLimits {
  /** Largest uncompressed size accepted, declared or actual. */
  maxBytes: number;
}

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function unreadable(): AppError {
  return new AppError('FILE_UNREADABLE');
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const last = bytes.length - EOCD_MIN;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw unreadable();
}

function readCentralDirectory(bytes: Buffer): CentralEntry[] {
  if (bytes.length < EOCD_MIN) throw unreadable();
  const eocd = findEndOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  // 0xffff / 0xffffffff mean ZIP64, which no Word document of transcript size needs.
  if (count === 0xffff || offset === 0xffffffff) throw unreadable();
  if (count > MAX_ZIP_ENTRIES) throw new AppError('FILE_UNPACKED_TOO_LARGE');
  if (offset + size > eocd) throw unreadable();
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw unreadable();
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const end = at + 46 + nameLength;
    if (end > eocd) throw unreadable();
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, end),
    });
    at = end + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Buffer, entry: CentralEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_SIGNATURE) throw unreadable();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw unreadable();
  return bytes.subarray(start, end);
}

/** The names of the archive's entries, in central-directory order. */
export function zipEntryNames(bytes: Buffer): string[] {
  return readCentralDirectory(bytes).map((entry) => entry.name);
}

/**
 * The uncompressed bytes of the entry called `name` (compared case-insensitively, as Office
 * does), or null when the archive has no such entry. Not a zip, a damaged zip or an unknown
 * compression method is FILE_UNREADABLE; more than `maxBytes`, declared or inflated, is
 * FILE_UNPACKED_TOO_LARGE.
 */
export function readZipEntry(bytes: Buffer, name: string, limits: ZipEntryLimits): Buffer | null {
  return openZip(bytes, { maxBytes: limits.maxBytes, maxTotalBytes: limits.maxBytes }).read(name);
}

function inflateEntry(bytes: Buffer, entry: CentralEntry, maxBytes: number): Buffer {
  if (entry.uncompressedSize > maxBytes) throw new AppError('FILE_UNPACKED_TOO_LARGE');
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new AppError('FILE_UNPACKED_TOO_LARGE');
    return data;
  }
  if (entry.method !== 8) throw unreadable();
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('FILE_UNPACKED_TOO_LARGE', undefined, { cause });
    throw new AppError('FILE_UNREADABLE', undefined, { cause });
  }
}

export interface ZipLimits {
  /** Largest uncompressed size of one entry, declared or actual. */
  maxBytes: number;
  /** Largest sum of the uncompressed sizes of every entry read from this archive. */
  maxTotalBytes: number;
}

export interface ZipArchive {
  /** Entry names in central-directory order. */
  readonly names: readonly string[];
  /** An entry's bytes (name compared case-insensitively), or null when there is none; each read counts against the total. */
  read(name: string): Buffer | null;
}

/**
 * An archive whose central directory is read once, for a file with many entries (a REFI-QDA
 * project has one per source). Every entry is bounded as in readZipEntry, and so is the sum of
 * what is read: many entries just under the per-entry cap are as much a bomb as one big one.
 */
export function openZip(bytes: Buffer, limits: ZipLimits): ZipArchive {
  const entries = readCentralDirectory(bytes);
  const byName = new Map<string, CentralEntry>();
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, entry);
  }
  let total = 0;
  return {
    names: entries.map((entry) => entry.name),
    read(name) {
      const entry = byName.get(name.toLowerCase());
      if (!entry) return null;
      const left = limits.maxTotalBytes - total;
      if (entry.uncompressedSize > left) throw new AppError('FILE_UNPACKED_TOO_LARGE');
      const data = inflateEntry(bytes, entry, Math.min(limits.maxBytes, left));
      total += data.length;
      return data;
    },
  };
}
