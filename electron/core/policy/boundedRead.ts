import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type ReadResult = { bytes: Buffer } | { missing: true } | { problem: 'unreadable' | 'too_large' };

/** At most `limit` bytes of a file, its size checked on the open handle first. */
export function readBounded(path: string, limit: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true } : { problem: 'unreadable' };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'unreadable' };
    if (stat.size > limit) return { problem: 'too_large' };
    // One byte more than allowed, so a file that grew since fstat is still caught.
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < buffer.length; read += n) n = readSync(fd, buffer, read, buffer.length - read, read);
    if (read > limit) return { problem: 'too_large' };
    return { bytes: buffer.subarray(0, read) };
  } catch {
    return { problem: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}
