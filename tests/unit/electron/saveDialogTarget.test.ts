import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exporting } from '../../../shared/i18n/features/exporting';
import { createExportFolderMemory, EXPORT_FOLDER_FILE } from '../../../electron/main/exportFolderMemory';
import { fakeKeychain } from '../helpers/fakeKeychain';
import {
  createSaveDialogTarget, filterFor, type MessageBoxOptionsLike, type SaveDialogOptionsLike,
} from '../../../electron/main/saveDialogTarget';

interface FakeWindow { id: number }

function fakeDialog(answer: { canceled: boolean; filePath?: string }, replace = 1) {
  const calls: { window: FakeWindow | undefined; options: SaveDialogOptionsLike }[] = [];
  const boxes: { window: FakeWindow | undefined; options: MessageBoxOptionsLike }[] = [];
  const dialog = {
    answer,
    showSaveDialog: vi.fn(async (first: unknown, second?: SaveDialogOptionsLike) => {
      if (second) calls.push({ window: first as FakeWindow, options: second });
      else calls.push({ window: undefined, options: first as SaveDialogOptionsLike });
      return dialog.answer;
    }),
    showMessageBox: vi.fn(async (first: unknown, second?: MessageBoxOptionsLike) => {
      if (second) boxes.push({ window: first as FakeWindow, options: second });
      else boxes.push({ window: undefined, options: first as MessageBoxOptionsLike });
      return { response: replace };
    }),
  };
  return { dialog, calls, boxes };
}

const DOCUMENTS = join('/home', 'mentor', 'Documenten');
const fakeApp = (paths: Partial<Record<'documents' | 'home', string>> = { documents: DOCUMENTS }) => ({
  getPath: vi.fn((name: 'documents' | 'home') => {
    const path = paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }),
});
const PROPERTIES = ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'];

const made: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'save-dialog-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});


const keychain = fakeKeychain();
describe('createSaveDialogTarget', () => {
  it('opens a Word save dialog on the focused window, in Documents with the suggested name', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/media/usb/Noor.docx' });
    const window = { id: 7 };
    const target = createSaveDialogTarget(dialog, fakeApp(), () => window);
    expect(await target.choose('Noor-el-Amrani-portfolio.docx')).toBe('/media/usb/Noor.docx');
    expect(calls).toEqual([{
      window,
      options: {
        defaultPath: join(DOCUMENTS, 'Noor-el-Amrani-portfolio.docx'),
        filters: [{ name: 'Word (.docx)', extensions: ['docx'] }],
        properties: PROPERTIES,
      },
    }]);
  });

  it('is a free-standing dialog when no window is there to attach to', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/tmp/a.docx' });
    await createSaveDialogTarget(dialog, fakeApp(), () => null).choose('a.docx');
    expect(calls[0]!.window).toBeUndefined();
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: join(DOCUMENTS, 'a.docx') }));
  });

  it.each([
    [{ canceled: true, filePath: '' }],
    [{ canceled: true, filePath: '/tmp/a.docx' }],
    [{ canceled: false, filePath: '' }],
    [{ canceled: false }],
  ])('returns null for a cancelled dialog (%j)', async (answer) => {
    const { dialog } = fakeDialog(answer);
    expect(await createSaveDialogTarget(dialog, fakeApp(), () => ({ id: 1 })).choose('a.docx')).toBeNull();
  });

  it('falls back to the home folder, then to the bare name, when the OS has no Documents folder', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true });
    await createSaveDialogTarget(dialog, fakeApp({ home: '/home/mentor' }), () => null).choose('a.docx');
    await createSaveDialogTarget(dialog, fakeApp({}), () => null).choose('b.docx');
    expect(calls.map((call) => call.options.defaultPath)).toEqual([join('/home/mentor', 'a.docx'), 'b.docx']);
  });

  it('asks for the window at the moment of the export, not when it was made', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true });
    let current: FakeWindow | null = null;
    const target = createSaveDialogTarget(dialog, fakeApp(), () => current);
    current = { id: 2 };
    await target.choose('a.docx');
    expect(calls[0]!.window).toEqual({ id: 2 });
  });
});

describe('the type filter follows the suggested file', () => {
  it.each([
    ['Noor-el-Amrani-2025-09-01-gesprek.docx', { name: 'Word (.docx)', extensions: ['docx'] }],
    ['audit-2025-09-01.csv', { name: 'CSV (.csv)', extensions: ['csv'] }],
    ['groep-2025.xlsx', { name: 'Excel (.xlsx)', extensions: ['xlsx'] }],
    ['project.QDPX', { name: 'REFI-QDA (.qdpx)', extensions: ['qdpx'] }],
    ['inzage.json', { name: 'JSON (.json)', extensions: ['json'] }],
    ['overdracht-2025-09-01-k3x9.ldho', { name: 'Loopbaandialoog (.ldho)', extensions: ['ldho'] }],
    ['iets.pdf', { name: '.pdf', extensions: ['pdf'] }],
  ])('%s → %j, with the overwrite question on', async (name, filter) => {
    expect(filterFor(name)).toEqual(filter);
    const { dialog, calls } = fakeDialog({ canceled: true });
    await createSaveDialogTarget(dialog, fakeApp(), () => null).choose(name);
    // The same question before replacing for every kind: Linux asks only when told to.
    expect(calls[0]!.options).toMatchObject({ filters: [filter], properties: PROPERTIES });
  });

  it('has no filter for a name without an extension, rather than a wrong one', () => {
    expect(filterFor('bestand')).toBeNull();
    expect(filterFor('.docx')).toBeNull();
  });
});

describe('a name typed without the extension', () => {
  it('gets the extension of the export kind', async () => {
    const folder = scratch();
    const { dialog, boxes } = fakeDialog({ canceled: false, filePath: join(folder, 'gesprek') });
    expect(await createSaveDialogTarget(dialog, fakeApp(), () => null).choose('a.docx')).toBe(join(folder, 'gesprek.docx'));
    expect(await createSaveDialogTarget(fakeDialog({ canceled: false, filePath: join(folder, 'log') }).dialog, fakeApp(), () => null)
      .choose('audit.csv')).toBe(join(folder, 'log.csv'));
    // Nothing of that name existed, so nothing to ask.
    expect(boxes).toEqual([]);
  });

  it('is asked about again when the name with the extension exists: the dialog only asked about the bare name', async () => {
    const folder = scratch();
    writeFileSync(join(folder, 'gesprek.docx'), 'the good one');
    const window = { id: 3 };
    const kept = fakeDialog({ canceled: false, filePath: join(folder, 'gesprek') }, 1);
    expect(await createSaveDialogTarget(kept.dialog, fakeApp(), () => window).choose('a.docx')).toBeNull();
    expect(kept.boxes).toEqual([{
      window,
      options: {
        type: 'warning', title: 'Bestand vervangen?', message: 'gesprek.docx bestaat al in deze map.',
        detail: 'Vervangen overschrijft het bestaande bestand.', buttons: ['Vervangen', 'Annuleren'], defaultId: 1, cancelId: 1, noLink: true,
      },
    }]);

    const replaced = fakeDialog({ canceled: false, filePath: join(folder, 'gesprek') }, 0);
    const target = createSaveDialogTarget(replaced.dialog, fakeApp(), () => null, { language: () => 'en' });
    expect(await target.choose('a.docx')).toBe(join(folder, 'gesprek.docx'));
    expect(replaced.boxes[0]!.options).toMatchObject({ title: 'Replace file?', buttons: ['Replace', 'Cancel'] });
    expect(readFileSync(join(folder, 'gesprek.docx'), 'utf8')).toBe('the good one');
  });

  it('is not asked about twice when the dialog already had the extension (the OS asked)', async () => {
    const folder = scratch();
    writeFileSync(join(folder, 'gesprek.DOCX'), 'x');
    const { dialog, boxes } = fakeDialog({ canceled: false, filePath: join(folder, 'gesprek.DOCX') });
    expect(await createSaveDialogTarget(dialog, fakeApp(), () => null).choose('a.docx')).toBe(join(folder, 'gesprek.DOCX'));
    expect(boxes).toEqual([]);
  });
});

describe('the last folder and the one-time note', () => {
  it('proposes the folder of the last export, and says once that a synced folder leaves the computer', async () => {
    const profile = scratch();
    const usb = scratch();
    const memoryFile = join(profile, EXPORT_FOLDER_FILE);
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: join(usb, 'Noor-el-Amrani-gesprek.docx') });
    const target = createSaveDialogTarget(dialog, fakeApp(), () => null, { memory: createExportFolderMemory(memoryFile, keychain) });

    await target.choose('Noor-el-Amrani-gesprek.docx');
    expect(calls[0]!.options).toMatchObject({
      defaultPath: join(DOCUMENTS, 'Noor-el-Amrani-gesprek.docx'),
      title: exporting.nl.syncedFolderTitle,
      message: exporting.nl.syncedFolderNote,
    });
    dialog.answer = { canceled: true, filePath: '' };
    await target.choose('audit-2025-09-01.csv');
    expect(calls[1]!.options.defaultPath).toBe(join(usb, 'audit-2025-09-01.csv'));
    expect(calls[1]!.options).not.toHaveProperty('title');
    expect(calls[1]!.options).not.toHaveProperty('message');

    // Kept across app starts, sealed by the keychain: no file name, and not even the folder in plain.
    const stored = readFileSync(memoryFile, 'utf8');
    expect(Object.keys(JSON.parse(stored) as object).sort()).toEqual(['sealedFolder', 'syncNoteShown']);
    expect(stored).not.toContain('Noor');
    expect(stored).not.toContain(usb);
    const afterRestart = fakeDialog({ canceled: true });
    await createSaveDialogTarget(afterRestart.dialog, fakeApp(), () => null, { memory: createExportFolderMemory(memoryFile, keychain) }).choose('b.docx');
    expect(afterRestart.calls[0]!.options).toEqual({ defaultPath: join(usb, 'b.docx'), filters: [filterFor('b.docx')], properties: PROPERTIES });
  });

  it('says the note in the app language, and counts it as shown when the mentor cancelled', async () => {
    const memoryFile = join(scratch(), EXPORT_FOLDER_FILE);
    const { dialog, calls } = fakeDialog({ canceled: true });
    const target = createSaveDialogTarget(dialog, fakeApp(), () => null, { memory: createExportFolderMemory(memoryFile), language: () => 'en' });
    expect(await target.choose('a.docx')).toBeNull();
    await target.choose('a.docx');
    expect(calls[0]!.options).toMatchObject({ title: exporting.en.syncedFolderTitle, message: exporting.en.syncedFolderNote });
    expect(calls[1]!.options.title).toBeUndefined();
    // A cancelled dialog remembers no folder.
    expect(calls[1]!.options.defaultPath).toBe(join(DOCUMENTS, 'a.docx'));
  });

  it('starts in Documents again when the last folder is gone (a USB stick taken out)', async () => {
    const profile = scratch();
    const gone = join(profile, 'usb');
    const memoryFile = join(profile, EXPORT_FOLDER_FILE);
    writeFileSync(memoryFile, JSON.stringify({ sealedFolder: keychain.encrypt(Buffer.from(gone)).toString('base64'), syncNoteShown: true }));
    const { dialog, calls } = fakeDialog({ canceled: true });
    await createSaveDialogTarget(dialog, fakeApp(), () => null, { memory: createExportFolderMemory(memoryFile, keychain) }).choose('a.docx');
    expect(calls[0]!.options.defaultPath).toBe(join(DOCUMENTS, 'a.docx'));
  });
});
