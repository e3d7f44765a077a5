import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { asDiskError } from '../diskErrors';

/**
 * The few file-system calls the vault makes, behind an interface so that tests can make a
 * disk fill up or a folder turn read-only on cue (root ignores file modes, so chmod cannot).
 */
export interface FileOps {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: Buffer | string): Promise<void>;
  /** Writes `head` and then the bytes of `source`, streamed: a backup of a large vault is never held in memory whole. */
  writeFileFrom(path: string, head: Buffer, source: string): Promise<void>;
  fsyncFile(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
}

const COPY_CHUNK = 4 * 2 ** 20;

/** The one call of a file handle that `writeAll` needs: `FileHandle.write`'s signature. */
export interface WriteTarget {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
}

/**
 * Writes every byte of `buffer[offset, offset + length)`. One `write` may write fewer bytes than
 * asked and still succeed: on a nearly full disk it writes what fits and only the next write
 * fails (tests/unit/core/diskFull.test.ts shows it on a tmpfs). Ignoring that count left a
 * 3.56 MB backup with 647,168 bytes, then reported as damaged instead of DISK_FULL. So: loop on
 * the count, and a write that makes no progress at all means there is no room (DISK_FULL), not a
 * reason to spin. A write that fails outright (ENOSPC) throws as it is, for the caller to map.
 */
export async function writeAll(target: WriteTarget, buffer: Buffer, offset = 0, length = buffer.length - offset): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await target.write(buffer, offset + done, length - done);
    if (!(bytesWritten > 0)) throw new AppError('DISK_FULL');
    done += bytesWritten;
  }
}

/**
 * `FileOps.writeFileFrom` over a given way of opening the output, so that a test can hand it a
 * file whose writes come up short (the real disk does that only when nearly full).
 */
export async function streamFileFrom(
  openOutput: (path: string) => Promise<WriteTarget & { close(): Promise<void> }>,
  path: string, head: Buffer, source: string,
): Promise<void> {
  // One reused 4 MB buffer: streams would allocate a buffer per chunk, and collecting a
  // gigabyte of them stalls the main thread for longer than the copy itself.
  const output = await openOutput(path);
  try {
    await writeAll(output, head);
    const input = await fsp.open(source, 'r');
    try {
      const buffer = Buffer.allocUnsafe(COPY_CHUNK);
      for (let read = 1; read > 0;) {
        ({ bytesRead: read } = await input.read(buffer, 0, COPY_CHUNK, null));
        if (read > 0) await writeAll(output, buffer, 0, read);
      }
    } finally {
      await input.close();
    }
  } finally {
    await output.close();
  }
}

export const nodeFileOps: FileOps = {
  readFile: (path) => fsp.readFile(path),
  writeFile: (path, data) => fsp.writeFile(path, data, { mode: 0o600 }),
  writeFileFrom: (path, head, source) => streamFileFrom((target) => fsp.open(target, 'w', 0o600), path, head, source),
  async fsyncFile(path) {
    const handle = await fsp.open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true, mode: 0o700 });
  },
  exists: async (path) => {
    try {
      await fsp.access(path);
      return true;
    } catch {
      return false;
    }
  },
};

/** Maps an OS error on the data folder to the code the user sees. */
export function fileError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const full = asDiskError(error);
  if (full) return full;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'ENOENT') {
    return new AppError('DATA_DIR_NOT_WRITABLE', undefined, { cause: error });
  }
  return new AppError('INTERNAL', undefined, { cause: error });
}

/**
 * Writes a file so that readers see the old content or the new, never a mix: write a
 * temporary file beside it, fsync, rename over the target, fsync the folder. On failure the
 * temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(ops: FileOps, path: string, data: Buffer | string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await ops.writeFile(temp, data);
    await ops.fsyncFile(temp);
    await ops.rename(temp, path);
  } catch (error) {
    await ops.unlink(temp).catch(() => undefined);
    throw fileError(error);
  }
  await fsyncDir(dirname(path));
}

/** Makes a rename in `dir` itself durable; not supported on every platform (Windows), so best effort. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
