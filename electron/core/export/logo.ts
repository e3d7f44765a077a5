import { crc32 } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { Logo, MAX_LOGO_BYTES } from '../../../shared/exportSchemas';
import type { Db } from '../db/connection';
import { decodeBase64 } from '../import/base64';

/** The settings row the logo lives in; SettingsRepository.get() reads only its own keys. */
export const LOGO_SETTINGS_KEY = 'logo';

export interface ImageInfo {
  mimeType: Logo['mimeType'];
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Real images stay far below this; a larger value means a damaged or hostile header.
const MAX_DIMENSION = 65_535;

function dimensions(mimeType: ImageInfo['mimeType'], width: number, height: number): ImageInfo | null {
  if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) return null;
  return { mimeType, width, height };
}

/** PNG: signature, then the IHDR chunk first (CRC intact), with width and height as big-endian uint32. */
function pngInfo(bytes: Buffer): ImageInfo | null {
  if (bytes.length < 8 + 8 + 13 + 4) return null;
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  if (crc32(bytes.subarray(12, 29)) !== bytes.readUInt32BE(29)) return null;
  return dimensions('image/png', bytes.readUInt32BE(16), bytes.readUInt32BE(20));
}

// Start-of-frame markers C0–CF carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
// Markers without a length field: TEM and RST0–7 (SOI and EOI are handled apart).
const isStandalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** JPEG: walk the marker segments after SOI until a start-of-frame; height, then width. */
function jpegInfo(bytes: Buffer): ImageInfo | null {
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[at] === 0xff) at += 1;
    if (at >= bytes.length) return null;
    const marker = bytes[at]!;
    at += 1;
    if (isStandalone(marker)) continue;
    // Image data (SOS) or the end before any frame header: there are no dimensions to read.
    if (marker === 0xd9 || marker === 0xda || marker === 0xd8 || marker === 0x00) return null;
    if (at + 2 > bytes.length) return null;
    const length = bytes.readUInt16BE(at);
    if (length < 2 || at + length > bytes.length) return null;
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2) components(1)…
      if (length < 8) return null;
      return dimensions('image/jpeg', bytes.readUInt16BE(at + 5), bytes.readUInt16BE(at + 3));
    }
    at += length;
  }
  return null;
}

/** Type and size of a PNG or JPEG, from its bytes alone; null for anything else. */
export function imageInfo(bytes: Buffer): ImageInfo | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return pngInfo(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegInfo(bytes);
  return null;
}

/** Bytes a base64 text decodes to, worked out from its length, so that nothing huge is decoded. */
function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/**
 * Checks an uploaded logo: size first (the contract lets up to ~60 MB through so that a wrong
 * pick gets a clear message), then base64, then the bytes must really be a PNG or JPEG.
 */
export function parseLogo(dataBase64: string): Logo {
  if (decodedLength(dataBase64) > MAX_LOGO_BYTES) throw new AppError('LOGO_TOO_LARGE');
  let bytes: Buffer;
  try {
    bytes = decodeBase64(dataBase64);
  } catch {
    throw new AppError('LOGO_INVALID');
  }
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('LOGO_TOO_LARGE');
  const info = imageInfo(bytes);
  if (!info) throw new AppError('LOGO_INVALID');
  // Stored re-encoded: one canonical form, whatever padding the upload had.
  return { ...info, dataBase64: bytes.toString('base64') };
}

/** The school logo in the vault's settings table (one JSON row). */
export class LogoStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
      set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      clear: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
  }

  /** The stored logo, or null when there is none or the row is damaged. */
  get(): Logo | null {
    const value = this.statements.get.get(LOGO_SETTINGS_KEY) as string | undefined;
    if (value === undefined) return null;
    try {
      const parsed = Logo.safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  set(logo: Logo): Logo {
    const { mimeType, width, height, dataBase64 } = logo;
    this.statements.set.run(LOGO_SETTINGS_KEY, JSON.stringify({ mimeType, width, height, dataBase64 }));
    return { mimeType, width, height, dataBase64 };
  }

  clear(): void {
    this.statements.clear.run(LOGO_SETTINGS_KEY);
  }
}
