import { AppError } from '../../../shared/errors';

// Standard alphabet, padded or not. Buffer.from(…, 'base64') skips whatever it does not
// understand, which would turn a damaged upload into a silently different file.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 → bytes; anything malformed is FILE_UNREADABLE. */
export function decodeBase64(text: string): Buffer {
  if (!BASE64.test(text) || text.length % 4 === 1 || (text.includes('=') && text.length % 4 !== 0)) {
    throw new AppError('FILE_UNREADABLE');
  }
  return Buffer.from(text, 'base64');
}
