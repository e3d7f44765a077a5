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

export const nodeFileOps: FileOps = {
  readFile: (path) => fsp.readFile(path),
  writeFile: (path, data) => fsp.writeFile(path, data, { mode: 0o600 }),
  async writeFileFrom(path, head, source) {
    // One reused 4 MB buffer: streams would allocate a buffer per chunk, and collecting a
    // gigabyte of them stalls the main thread for longer than the copy itself.
    const output = await fsp.open(path, 'w', 0o600);
    try {
      await output.write(head);
      const input = await fsp.open(source, 'r');
      try {
        const buffer = Buffer.allocUnsafe(COPY_CHUNK);
        for (let read = 1; read > 0;) {
          ({ bytesRead: read } = await input.read(buffer, 0, COPY_CHUNK, null));
          if (read > 0) await output.write(buffer, 0, read);
        }
      } finally {
        await input.close();
      }
    } finally {
      await output.close();
    }
  },
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
