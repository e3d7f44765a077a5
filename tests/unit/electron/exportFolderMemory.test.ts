import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExportFolderMemory, EXPORT_FOLDER_FILE } from '../../../electron/main/exportFolderMemory';
import { fakeKeychain } from '../helpers/fakeKeychain';

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
  it('remembers nothing at first, then the folder (sealed by the keychain) and the note flag, in one small file', () => {
    const keychain = fakeKeychain();
    const dir = scratch();
    // A folder named after a student: the name must not lie in plain in the file.
    const folder = join(dir, 'Sanne de Vries');
    mkdirSync(folder);
    const file = join(dir, EXPORT_FOLDER_FILE);
    const memory = createExportFolderMemory(file, keychain);
    expect(memory.lastFolder()).toBeNull();
    expect(memory.syncNoteShown()).toBe(false);
    memory.remember(folder);
    memory.markSyncNoteShown();
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain('Sanne');
    const parsed = JSON.parse(stored) as { sealedFolder: string; syncNoteShown: boolean };
    expect(parsed.syncNoteShown).toBe(true);
    expect(keychain.decrypt(Buffer.from(parsed.sealedFolder, 'base64')).toString('utf8')).toBe(folder);
    // No temp file left beside it.
    expect(readdirSync(dir).sort()).toEqual(['Sanne de Vries', EXPORT_FOLDER_FILE]);
    const again = createExportFolderMemory(file, keychain);
    expect(again.lastFolder()).toBe(folder);
    expect(again.syncNoteShown()).toBe(true);
    // Another keychain (another user, or a copied file) cannot read it: nothing remembered.
    expect(createExportFolderMemory(file, fakeKeychain()).lastFolder()).toBeNull();
  });

  it('without a keychain remembers the folder for this run only, and rewrites a plain folder from an older version away', () => {
    const dir = scratch();
    const folder = join(dir, 'Noor el Amrani');
    mkdirSync(folder);
    const file = join(dir, EXPORT_FOLDER_FILE);
    const memory = createExportFolderMemory(file, fakeKeychain(false));
    memory.remember(folder);
    memory.markSyncNoteShown();
    expect(memory.lastFolder()).toBe(folder);
    expect(readFileSync(file, 'utf8')).not.toContain('Noor');
    expect(createExportFolderMemory(file).lastFolder()).toBeNull();

    writeFileSync(file, JSON.stringify({ folder, syncNoteShown: true }));
    const old = createExportFolderMemory(file, fakeKeychain());
    expect(old.lastFolder()).toBeNull();
    expect(old.syncNoteShown()).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('Noor');
  });

  it('reads back what it sealed', () => {
    const dir = scratch();
    const file = join(dir, EXPORT_FOLDER_FILE);
    const keychain = fakeKeychain();
    createExportFolderMemory(file, keychain).remember(dir);
    const again = createExportFolderMemory(file, keychain);
    expect(again.lastFolder()).toBe(dir);
    expect(again.syncNoteShown()).toBe(false);
  });

  it.each([
    ['not JSON', '{"folder": '],
    ['a relative folder', JSON.stringify({ folder: 'Documenten', syncNoteShown: 'yes' })],
    ['a folder with a NUL', JSON.stringify({ folder: '/tmp/\u0000x' })],
    ['an absurdly long folder', JSON.stringify({ folder: `/${'a'.repeat(5000)}` })],
    ['a sealed folder that is not base64 of anything', JSON.stringify({ sealedFolder: '!!!', syncNoteShown: 3 })],
    ['a huge sealed folder', JSON.stringify({ sealedFolder: 'A'.repeat(100_000) })],
    ['an array', '[1, 2]'],
  ])('treats a damaged file (%s) as nothing remembered', (_name, content) => {
    const file = join(scratch(), EXPORT_FOLDER_FILE);
    writeFileSync(file, content);
    const memory = createExportFolderMemory(file, fakeKeychain());
    expect(memory.lastFolder()).toBeNull();
    expect(memory.syncNoteShown()).toBe(false);
  });

  it('refuses a relative folder, and keeps working for this run when the file cannot be written', () => {
    const dir = scratch();
    // A file where the folder should be: no write can succeed, not even as root.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    const memory = createExportFolderMemory(join(blocked, EXPORT_FOLDER_FILE), fakeKeychain());
    memory.remember('relative/folder');
    expect(memory.lastFolder()).toBeNull();
    memory.remember(dir);
    memory.markSyncNoteShown();
    expect(memory.lastFolder()).toBe(dir);
    expect(memory.syncNoteShown()).toBe(true);
    expect(readdirSync(dir)).toEqual(['blocked']);
  });
});
