import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { asDiskError } from '../diskErrors';
import { type FileOps, fsyncDir } from '../vault/fileOps';

type Step = 'check' | 'write' | 'fsync' | 'rename';

/**
 * Maps an OS error while writing an export to what the mentor can act on. Unlike the data
 * folder, an export goes wherever the mentor pointed: a USB stick that was pulled, a share
 * without write access, a document still open in Word.
 */
export function exportError(error: unknown, step: Step, platform: NodeJS.Platform, targetExists: boolean): AppError {
  if (error instanceof AppError) return error;
  const full = asDiskError(error);
  if (full) return full;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause = { cause: error };
  switch (code) {
    case 'ENOENT': case 'ENOTDIR': case 'ENODEV': case 'ENXIO':
      return new AppError('EXPORT_TARGET_MISSING', undefined, cause);
    case 'EBUSY': case 'ETXTBSY':
      return new AppError('FILE_IN_USE', undefined, cause);
    case 'EACCES': case 'EPERM':
      // Windows refuses to replace a file another program holds open (Word does) with an
      // access error rather than EBUSY; the folder itself was writable, the temp file got there.
      if (platform === 'win32' && step === 'rename' && targetExists) return new AppError('FILE_IN_USE', undefined, cause);
      return new AppError('EXPORT_TARGET_NOT_WRITABLE', undefined, cause);
    case 'EROFS': case 'EISDIR': case 'ENAMETOOLONG':
      return new AppError('EXPORT_TARGET_NOT_WRITABLE', undefined, cause);
    default:
      return new AppError('INTERNAL', undefined, cause);
  }
}

/** A short, fixed-length name beside the target, so a long chosen name cannot make it too long. */
function tempPathBeside(target: string): string {
  return join(dirname(target), `.~lbd-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes an exported document so that the target holds either its old bytes or the complete
 * new ones: a temp file in the same folder (same volume, so the rename is atomic), fsync, rename
 * over the target. On any failure the temp file is removed and an existing target is untouched.
 */
export async function writeExportAtomic(ops: FileOps, target: string, data: Buffer, platform: NodeJS.Platform = process.platform): Promise<void> {
  const folder = dirname(target);
  let step: Step = 'check';
  const temp = tempPathBeside(target);
  try {
    if (!(await ops.exists(folder))) throw new AppError('EXPORT_TARGET_MISSING');
    step = 'write';
    await ops.writeFile(temp, data);
    step = 'fsync';
    await ops.fsyncFile(temp);
    step = 'rename';
    await ops.rename(temp, target);
  } catch (error) {
    if (step !== 'check') await ops.unlink(temp).catch(() => undefined);
    const targetExists = step === 'rename' ? await ops.exists(target).catch(() => false) : false;
    throw exportError(error, step, platform, targetExists);
  }
  await fsyncDir(folder);
}
