import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExportFolderMemory, EXPORT_FOLDER_FILE } from '../../../electron/main/exportFolderMemory';

const made: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'export-folder-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createExportFolderMemory', () => {
  it('remembers nothing at first, then the folder and the note flag, in one small file', () => {
    const dir = scratch();
    const file = join(dir, EXPORT_FOLDER_FILE);
    const memory = createExportFolderMemory(file);
    expect(memory.lastFolder()).toBeNull();
    expect(memory.syncNoteShown()).toBe(false);
    memory.remember(dir);
    memory.markSyncNoteShown();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ folder: dir, syncNoteShown: true });
    // No temp file left beside it.
    expect(readdirSync(dir)).toEqual([EXPORT_FOLDER_FILE]);
    const again = createExportFolderMemory(file);
    expect(again.lastFolder()).toBe(dir);
    expect(again.syncNoteShown()).toBe(true);
  });

  it.each([
    ['not JSON', '{"folder": '],
    ['a relative folder', JSON.stringify({ folder: 'Documenten', syncNoteShown: 'yes' })],
    ['a folder with a NUL', JSON.stringify({ folder: '/tmp/\u0000x' })],
    ['an absurdly long folder', JSON.stringify({ folder: `/${'a'.repeat(5000)}` })],
    ['an array', '[1, 2]'],
  ])('treats a damaged file (%s) as nothing remembered', (_name, content) => {
    const file = join(scratch(), EXPORT_FOLDER_FILE);
    writeFileSync(file, content);
    const memory = createExportFolderMemory(file);
    expect(memory.lastFolder()).toBeNull();
    expect(memory.syncNoteShown()).toBe(false);
  });

  it('refuses a relative folder, and keeps working for this run when the file cannot be written', () => {
    const dir = scratch();
    // A file where the folder should be: no write can succeed, not even as root.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    const memory = createExportFolderMemory(join(blocked, EXPORT_FOLDER_FILE));
    memory.remember('relative/folder');
    expect(memory.lastFolder()).toBeNull();
    memory.remember(dir);
    memory.markSyncNoteShown();
    expect(memory.lastFolder()).toBe(dir);
    expect(memory.syncNoteShown()).toBe(true);
    expect(readdirSync(dir)).toEqual(['blocked']);
  });
});
