import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportError, writeExportAtomic } from '../../../../electron/core/export/atomicExport';
import type { FileOps } from '../../../../electron/core/vault/fileOps';
import { expectAppError, faultyFileOps, osError } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

const NEW = Buffer.from('PK\u0003\u0004 new document');
const OLD = Buffer.from('the document the mentor already had');

function folderWithOldFile() {
  const dir = tempDir('lbd-atomic-');
  const target = join(dir, 'Noor-portfolio.docx');
  writeFileSync(target, OLD);
  return { dir, target };
}

describe('writeExportAtomic', () => {
  it('writes a new file, and replaces an existing one, leaving nothing else in the folder', async () => {
    const dir = tempDir('lbd-atomic-');
    await writeExportAtomic(faultyFileOps().ops, join(dir, 'a.docx'), NEW);
    expect(readFileSync(join(dir, 'a.docx'))).toEqual(NEW);
    const { dir: other, target } = folderWithOldFile();
    await writeExportAtomic(faultyFileOps().ops, target, NEW);
    expect(readFileSync(target)).toEqual(NEW);
    expect(readdirSync(dir)).toEqual(['a.docx']);
    expect(readdirSync(other)).toEqual(['Noor-portfolio.docx']);
  });

  it('writes a temp file beside the target and renames it over the target', async () => {
    const { target, dir } = folderWithOldFile();
    const faults = faultyFileOps();
    await writeExportAtomic(faults.ops, target, NEW);
    const write = faults.calls.find((call) => call.op === 'writeFile')!;
    expect(write.path).not.toBe(target);
    expect(join(write.path, '..')).toBe(dir);
    expect(faults.calls.map((call) => call.op)).toEqual(['exists', 'writeFile', 'fsyncFile', 'rename']);
  });

  it.each([
    ['writeFile', 'ENOSPC', 'DISK_FULL'],
    ['fsyncFile', 'ENOSPC', 'DISK_FULL'],
    ['fsyncFile', 'EDQUOT', 'DISK_FULL'],
    ['writeFile', 'EACCES', 'EXPORT_TARGET_NOT_WRITABLE'],
    ['writeFile', 'EPERM', 'EXPORT_TARGET_NOT_WRITABLE'],
    ['writeFile', 'EROFS', 'EXPORT_TARGET_NOT_WRITABLE'],
    ['rename', 'EBUSY', 'FILE_IN_USE'],
    ['rename', 'EACCES', 'EXPORT_TARGET_NOT_WRITABLE'],
    ['writeFile', 'ENOENT', 'EXPORT_TARGET_MISSING'],
    ['rename', 'ENOENT', 'EXPORT_TARGET_MISSING'],
    ['fsyncFile', 'EIO', 'INTERNAL'],
  ] as const)('%s failing with %s is %s; the old file stays byte for byte and no temp file is left', async (op, errno, code) => {
    const { dir, target } = folderWithOldFile();
    const faults = faultyFileOps();
    faults.failWith((called) => (called === op ? osError(errno) : undefined));
    await expectAppError(writeExportAtomic(faults.ops, target, NEW, 'linux'), code);
    expect(readFileSync(target)).toEqual(OLD);
    expect(readdirSync(dir)).toEqual(['Noor-portfolio.docx']);
  });

  it('a document open in Word on Windows (access denied on replacing it) is FILE_IN_USE', async () => {
    const { dir, target } = folderWithOldFile();
    const faults = faultyFileOps();
    faults.failWith((op) => (op === 'rename' ? osError('EPERM') : undefined));
    await expectAppError(writeExportAtomic(faults.ops, target, NEW, 'win32'), 'FILE_IN_USE');
    expect(readFileSync(target)).toEqual(OLD);
    expect(readdirSync(dir)).toEqual(['Noor-portfolio.docx']);
    // Without a file there to be open, access denied is about the folder.
    await expectAppError(writeExportAtomic(faults.ops, join(dir, 'new.docx'), NEW, 'win32'), 'EXPORT_TARGET_NOT_WRITABLE');
    // And elsewhere EPERM never means "in use".
    await expectAppError(writeExportAtomic(faults.ops, target, NEW, 'darwin'), 'EXPORT_TARGET_NOT_WRITABLE');
  });

  it('a folder that does not exist (a pulled USB stick) is EXPORT_TARGET_MISSING, and nothing is created', async () => {
    const dir = tempDir('lbd-atomic-');
    const faults = faultyFileOps();
    await expectAppError(writeExportAtomic(faults.ops, join(dir, 'gone', 'a.docx'), NEW), 'EXPORT_TARGET_MISSING');
    expect(existsSync(join(dir, 'gone'))).toBe(false);
    expect(faults.calls.some((call) => call.op === 'writeFile')).toBe(false);
    // A file where a folder should be.
    writeFileSync(join(dir, 'file'), 'x');
    await expectAppError(writeExportAtomic(faults.ops, join(dir, 'file', 'a.docx'), NEW), 'EXPORT_TARGET_MISSING');
  });

  it('choosing an existing folder as the file is EXPORT_TARGET_NOT_WRITABLE, and the folder stays', async () => {
    const dir = tempDir('lbd-atomic-');
    mkdirSync(join(dir, 'map.docx'));
    writeFileSync(join(dir, 'map.docx', 'inside'), 'x');
    await expectAppError(writeExportAtomic(faultyFileOps().ops, join(dir, 'map.docx'), NEW), 'EXPORT_TARGET_NOT_WRITABLE');
    expect(readdirSync(dir)).toEqual(['map.docx']);
    expect(readdirSync(join(dir, 'map.docx'))).toEqual(['inside']);
  });

  it('still reports the original error when removing the temp file fails too', async () => {
    const { target } = folderWithOldFile();
    const faults = faultyFileOps();
    faults.failWith((op) => (op === 'rename' ? osError('ENOSPC') : op === 'unlink' ? osError('EACCES') : undefined));
    await expectAppError(writeExportAtomic(faults.ops, target, NEW), 'DISK_FULL');
    expect(readFileSync(target)).toEqual(OLD);
  });

  it('maps errors without an errno to INTERNAL', () => {
    expect(exportError(new Error('odd'), 'write', 'linux', false).code).toBe('INTERNAL');
    expect(exportError(undefined, 'write', 'linux', false).code).toBe('INTERNAL');
  });

  it('a long chosen name does not make the temp name too long', async () => {
    const dir = tempDir('lbd-atomic-');
    const name = `${'n'.repeat(250)}.docx`;
    const ops: FileOps = faultyFileOps().ops;
    await writeExportAtomic(ops, join(dir, name), NEW);
    expect(readdirSync(dir)).toEqual([name]);
  });
});
